"""A Redis cache that fails open: when Redis is down, the site works on without its cache.

Django's ``RedisCache`` raises ``redis.ConnectionError`` from every cache call while Redis is
unreachable (restarting, failing over, out of memory), so every page that touches the cache
answers 500. ``FailOpenRedisCache`` treats an unreachable Redis as an empty cache instead:
reads miss, writes are dropped, and pages are rendered from the database. After a failure it
does not ask Redis again for ``RETRY_AFTER`` seconds (so a hung Redis costs one short
timeout, not one per cache call), and it says so in the log, once per outage.

    CACHES = {"default": {
        "BACKEND": "cms.cache.FailOpenRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }}

Short socket timeouts are the default (``OPTIONS`` may set others): a cache that takes longer
than a page takes to render is no cache.
"""

import functools
import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_AFTER = 1.0  # seconds without asking Redis after a failure
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}


def _fail_open(miss):
    """Run a client operation; when Redis is unreachable return ``miss(*args)`` instead."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self.down_until:
                return miss(*args)
            try:
                result = method(self, *args, **kwargs)
            except self.unavailable as error:
                self.went_down(error)
                return miss(*args)
            if self.down_since is not None:
                self.came_back()
            return result

        return wrapper

    return decorator


def _missing_key(key, delta):
    raise ValueError(f"Key '{key}' not found (the cache is unavailable).")


class FailOpenRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **options):
        super().__init__(*args, **options)
        self._clients = {}
        exceptions = self._lib.exceptions
        self.unavailable = (exceptions.ConnectionError, exceptions.TimeoutError)
        self.down_until = 0.0
        self.down_since = None

    def get_client(self, key=None, *, write=False):
        """One ``redis.Redis`` per connection pool, reused (Django builds a new one for every call).

        A client is only its pool and its command table; building it copies a table of some 170
        response callbacks, which was a third of a page-cache hit's time.
        """
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def went_down(self, error):
        self.down_until = time.monotonic() + RETRY_AFTER
        if self.down_since is None:
            self.down_since = time.monotonic()
            logger.warning("Redis cache unavailable (%s): pages are served without it.", error)

    def came_back(self):
        logger.warning("Redis cache available again after %.1f s.", time.monotonic() - self.down_since)
        self.down_since = None

    add = _fail_open(lambda key, value, timeout: False)(RedisCacheClient.add)
    get = _fail_open(lambda key, default: default)(RedisCacheClient.get)
    set = _fail_open(lambda key, value, timeout: None)(RedisCacheClient.set)
    touch = _fail_open(lambda key, timeout: False)(RedisCacheClient.touch)
    delete = _fail_open(lambda key: False)(RedisCacheClient.delete)
    get_many = _fail_open(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _fail_open(lambda key: False)(RedisCacheClient.has_key)
    incr = _fail_open(_missing_key)(RedisCacheClient.incr)
    set_many = _fail_open(lambda data, timeout: list(data))(RedisCacheClient.set_many)
    delete_many = _fail_open(lambda keys: None)(RedisCacheClient.delete_many)
    clear = _fail_open(lambda: False)(RedisCacheClient.clear)


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache (same LOCATION and OPTIONS) that fails open; see the module's docstring."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._class = FailOpenRedisCacheClient


class RenditionCacheMixin:
    """Wagtail's rendition cache (the ``renditions`` alias), without Wagtail writing it back on every render.

    Wagtail looks an image's renditions up in this cache and then stores every one it found there
    again (``AbstractImage.get_renditions`` and ``get_rendition`` skip only renditions marked
    ``_from_cache``, which it sets on prefetched ones, not on those read from the cache): a page
    with eleven images made eleven extra writes of some seventy renditions to Redis, every render.
    Renditions read from this cache are marked, and a marked rendition is not stored again.
    ``tests/test_images.py`` tells when Wagtail changes this.
    """

    def get_many(self, keys, version=None):
        found = super().get_many(keys, version=version)
        for rendition in found.values():
            rendition._from_cache = True
        return found

    def get(self, key, default=None, version=None):
        found = super().get(key, default, version=version)
        if found is not default:
            found._from_cache = True
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not getattr(value, "_from_cache", False):
            super().set(key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        fresh = {key: value for key, value in data.items() if not getattr(value, "_from_cache", False)}
        return super().set_many(fresh, timeout, version=version) if fresh else []


class RenditionCache(RenditionCacheMixin, FailOpenRedisCache):
    """The rendition cache on Redis (``REDIS_URL``), failing open."""


class LocalRenditionCache(RenditionCacheMixin, LocMemCache):
    """The rendition cache in local memory (development and tests)."""
