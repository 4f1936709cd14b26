"""Local development: DEBUG on, a throwaway secret key, mail to the console."""

import os

from .base import *  # noqa: F403

DEBUG = True
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
