"""Local development (``manage.py``'s default): a throwaway secret key, mail to the console.

``make run`` serves the demo as visitors see it: DEBUG is off unless ``DEBUG=1``, so
a missing page gets the site's own 404 page in the visitor's language and an error
its 500 page. ``DEBUG=1 make run`` shows Django's debug pages instead. Either way
WhiteNoise serves the static files straight from their sources (no
collectstatic) and Django serves the uploaded media (``SERVE_MEDIA``, cms/urls.py).
"""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}
# Settings for one's own machine only: the media URLs (cms/urls.py) and the local
# administrator (manage.py ensure_dev_superuser). Production never sets them.
LOCAL_DEVELOPMENT = True
SERVE_MEDIA = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)

# --- Editors and translators (translations app) ---------------------------
# In development only, languages without a configured machine translation
# service use wagtail-localize's dummy translator (it reverses the words).
from translations.machine_settings import DUMMY, machine_translator_setting  # noqa: E402

MACHINE_TRANSLATION_ROUTES = {  # noqa: F405
    code: MACHINE_TRANSLATION_ROUTES.get(code, {"CLASS": DUMMY, "OPTIONS": {}})  # noqa: F405
    for code, _name in LANGUAGES  # noqa: F405
    if code != LANGUAGE_CODE  # noqa: F405
}
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_setting(MACHINE_TRANSLATION_ROUTES)
