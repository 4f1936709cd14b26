"""Fast, deterministic settings for the test suite."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Local memory (base.py without REDIS_URL), whatever the environment says.
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"test-{alias}"}
    for alias in ("default", "pages")
}
CACHES["renditions"] = {"BACKEND": "cms.cache.LocalRenditionCache", "LOCATION": "test-renditions"}
WAGTAILFRONTENDCACHE = {}

# Uploaded and generated files go to a throw-away folder, never the project's media/.
import tempfile  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cms-test-media-"))  # noqa: F405
