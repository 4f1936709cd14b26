"""Settings shared by every environment.

Secure by default: no secret key, DEBUG off, and the database chosen by
``DATABASE_URL`` (SQLite in the project folder when it is unset).
Environment-specific modules (dev, test, production) import this one and change
only what differs.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "home",
    "events",
    "translations",  # before wagtail_localize: overrides some of its views and templates
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",  # Content-Security-Policy (home/security.py)
    "axes",  # sign-in lock-out (see "Admin sign-in" below)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Its response part runs after XFrameOptionsMiddleware's: frame-ancestors follows X-Frame-Options.
    "home.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compression, 304s and the page cache, in that order (home/cache.py): cached pages are
    # compressed and answered with 304 too, and a hit runs before anything that asks the database.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "home.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.NorwegianLanguageMiddleware",
    "home.middleware.LocaleMiddleware",  # Django's, never prefixing /admin/
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "home.middleware.AdminLanguageMiddleware",  # the admin user's language for the whole request
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: DATABASE_URL (postgres://user@host:5432/name) or SQLite in the project folder.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ------------------------------------------------------------
# Declared once. Polish is the source language and the fallback.
# Every public URL carries a language prefix (see cms/urls.py).
LANGUAGE_CODE = "pl"
WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("pl", "Polski"),
    ("nb", "Norsk bokmål"),
    ("is", "Íslenska"),
    ("en", "English"),
]
# Browsers send "no" and "nn" for Norwegian readers; Django treats them as
# unrelated to "nb", so home.middleware maps them to "nb".
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]  # see scripts/admin_catalogues.py
LANGUAGE_COOKIE_NAME = "site_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Languages the Wagtail admin offers to each user (Account > Preferences).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

USE_I18N = True
USE_TZ = True
# Django's own formats for pl, nb and is; English in its European form (cms/formats/en).
FORMAT_MODULE_PATH = ["cms.formats"]
TIME_ZONE = "Europe/Warsaw"

# --- Static and media -----------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static_src"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Django's default upload limits (DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000, 2.5 MB of form data):
# the largest real admin form of the demo, the seminar's editor, posts 136 fields (measured in
# Chromium by tests/test_browser_security.py); the translation editor saves string by string.
# Uploaded files are limited by WAGTAILDOCS_MAX_UPLOAD_SIZE and Wagtail's image limits.

# --- Caches ---------------------------------------------------------------
# Redis (Django's own backend, failing open) when REDIS_URL is set, shared by every app server; local
# memory otherwise (one process: development and tests). "pages" is the full-page cache
# (home/cache.py), kept apart so that invalidating it never touches anything else.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        alias: {
            # Django's RedisCache that fails open: while Redis restarts, pages are rendered
            # without it instead of answering 500 (cms/cache.py).
            "BACKEND": backend,
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"cms-{alias}",
        }
        for alias, backend in (
            ("default", "cms.cache.FailOpenRedisCache"),
            ("pages", "cms.cache.FailOpenRedisCache"),
            # Wagtail's renditions, not written back on every render (cms/cache.py).
            ("renditions", "cms.cache.RenditionCache"),
        )
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "renditions": {"BACKEND": "cms.cache.LocalRenditionCache", "LOCATION": "renditions"},
    }
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "1") != "0"
PAGE_CACHE_TIMEOUT = 6 * 60 * 60  # how long the page cache keeps a response (seconds)
PAGE_CACHE_MAX_AGE = 120  # Cache-Control max-age of public pages, for browsers
PAGE_CACHE_SHARED_MAX_AGE = 60 * 60  # s-maxage, for a CDN in front (purged on every change)

# A CDN or caching proxy in front (home/frontend_cache.py): purged after every change.
# FRONTEND_CACHE_PURGE_URL: a Varnish or Squid that accepts PURGE requests;
# CLOUDFLARE_BEARER_TOKEN and CLOUDFLARE_ZONEID: Cloudflare.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_BEARER_TOKEN"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ["CLOUDFLARE_BEARER_TOKEN"],
        "ZONEID": os.environ.get("CLOUDFLARE_ZONEID", ""),
    }
# Every language's URL is listed by home/frontend_cache.py (translations have their own
# slugs), so Wagtail must not rewrite each URL's prefix into the other languages.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# --- Wagtail --------------------------------------------------------------
# Page addresses in ASCII in every language (translations/slugs.py does it for translations).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_SITE_NAME = _("Bilateral Initiative 2024–2025")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database search; on PostgreSQL each language is indexed and searched with
# its own text-search configuration (home/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search_backend"}}
# The dashboard's "new Wagtail version" check fetches releases.wagtail.org from the editor's
# browser; upgrades follow the pinned requirements instead, and the admin's CSP loads nothing
# from other sites.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Private documents and pages are for the site's editors: they sign in where they always do
# (the admin's sign-in page, in their language, with the lock-out), not on a second,
# unstyled sign-in page under /<language>/_util/login/.
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
WAGTAILDOCS_EXTENSIONS = ["pdf", "pptx", "ppt", "odp", "docx", "odt", "xlsx", "txt", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Approving a review publishes the revision that was submitted and read, not a draft
# saved after it (Wagtail's default publishes the latest revision): translations/review.py.
WAGTAIL_FINISH_WORKFLOW_ACTION = "translations.review.publish_reviewed_revision"

# --- wagtail-localize -----------------------------------------------------
# A translation submitted for a published source page is created as a draft:
# nothing that nobody has translated yet goes live by itself.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Deleting a page disables its translation records instead of deleting them, so the
# translated strings (the translators' work) survive and return if the page is
# translated again.
WAGTAILLOCALIZE_DISABLE_ON_DELETE = True

# --- Security defaults ----------------------------------------------------
# Cookies: never readable by scripts, sent by the browser only for same-site navigation
# (Lax) and, in production, only over HTTPS (production.py). The admin's scripts take the
# CSRF token from the page, not from the cookie.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views answer SAMEORIGIN themselves
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Load balancers poll /healthz over plain HTTP (home/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp; home/security.py explains the two policies).
# Public pages: nothing inline and nothing from elsewhere, except the recording's player,
# which the visitor asks for (static_src/js/recording.js). No nonce: pages are cached whole.
VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "manifest-src": [SELF],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],  # 'self' where X-Frame-Options is SAMEORIGIN (home/security.py)
    }
}
# The admin (/admin/): Wagtail's admin and wagtail-localize's translation editor write inline
# scripts and styles; images may be data: and blob: URLs (upload previews, the focal point
# editor); embeds' previews come from their providers. Still nothing is loaded from elsewhere.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_PLAYER_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Powerful browser features are off; the recording's player may play, go full screen and
# picture-in-picture (it asks for them in its iframe's `allow`).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": ["self", *VIDEO_PLAYER_ORIGINS],
    "camera": [],
    "display-capture": [],
    "encrypted-media": ["self", *VIDEO_PLAYER_ORIGINS],
    "fullscreen": ["self", *VIDEO_PLAYER_ORIGINS],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self", *VIDEO_PLAYER_ORIGINS],
    "usb": [],
}

# --- Admin sign-in --------------------------------------------------------
# django-axes: after AXES_FAILURE_LIMIT wrong passwords for one account from one client
# address, that account cannot sign in from that address (not even with the right password)
# for AXES_COOLOFF_TIME. Locking the pair, not the address alone, means a stranger cannot
# lock an editor out from elsewhere, and editors behind one office address do not lock each
# other out. Attempts are kept in the database, so every app server sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "home.security.lockout_response"
# The client address (django-ipware): REMOTE_ADDR, unless the site runs behind reverse proxies
# that each append the address they saw to X-Forwarded-For (nginx: proxy_add_x_forwarded_for).
# Then TRUSTED_PROXY_COUNT says how many there are (1 for `make serve`'s nginx; 2 for a load
# balancer in front of nginx), and the client is the address the outermost proxy wrote: counted
# from the right, so that what a client writes into the header itself is never believed.
# (django-ipware counts only the proxies that appear in the header: the last one is REMOTE_ADDR.)
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    # Not strict: entries a client put in front of the header must not make ipware drop it.
    IPWARE_STRICT = False
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Editors and translators (translations app) ---------------------------
# Machine translation is routed per target language (translations/machine.py):
# DeepL has no Icelandic. Each service is switched on by its environment
# variables; a language without a service gets no machine translation button.
#   DEEPL_API_KEY            -> DEEPL_LANGUAGES (default "nb,en")
#   GOOGLE_TRANSLATE_API_KEY -> GOOGLE_TRANSLATE_LANGUAGES (default "is")
#   LIBRETRANSLATE_URL (+ LIBRETRANSLATE_API_KEY) -> LIBRETRANSLATE_LANGUAGES (default "is")
from translations.machine_settings import build_routes, machine_translator_setting  # noqa: E402

MACHINE_TRANSLATION_ROUTES = build_routes(os.environ, [code for code, _name in LANGUAGES])
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_setting(MACHINE_TRANSLATION_ROUTES)
# New Polish pages reach the other trees only when an editor submits them for
# translation: no locale synchronisation (its aliases would go live at once,
# showing Polish text under another language's URL).
TRANSLATIONS_SOURCE_LANGUAGE = LANGUAGE_CODE
