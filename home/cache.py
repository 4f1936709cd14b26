"""The full-page cache: anonymous GET requests of public pages, feeds, calendars and the sitemap.

Why its own middleware rather than wagtail-cache (3.0 supports Wagtail 7.4): wagtail-cache
invalidates by clearing its whole cache backend (on Redis a FLUSHDB, which also wipes what
else lives in that database) or by a key ring that every app server reads, changes and
writes back (two servers publishing at once lose each other's keys); it keys without the
cookies it does not know, so the ``/`` redirect chosen by the ``site_language`` cookie could
be served to a visitor whose cookie says otherwise; and a page rendered from the database
just before a publish can be stored just after the cache was cleared, stale until it
expires. This module has none of these problems and stays small:

* **One generation for the whole site.** Every cached response is stored with the site's
  *generation*, a number kept in the shared cache (Redis in production, so every app server
  sees the same one), and is served only while that number is still current. Any change
  visitors could see (a page published, unpublished, moved, deleted or reverted, an
  organisation published, an image or document changed, a translation synced or published)
  increments it (``content_changed``), so every page in every language is rendered afresh on
  its next request: "never stale" without working out which of the pages that show a
  speaker, an organisation or a photo are affected. For a site of a few thousand pages,
  edited a few times a day, that costs a few uncached renders after each publication and
  nothing else. The generation is read at the start of a request, together with the stored
  response (one round trip to Redis), so a page rendered from the old content is stored with
  the old generation and never served.
* **Time.** A seminar stops being "upcoming" when its end passes, which changes the home
  page, listings, the seminar's own page and the calendars without anyone publishing. A
  stored response also carries the next such moment (``next_boundary``), and no response is
  kept, by this cache or by browsers and CDNs (``max-age``), beyond it.
* **What is cached.** GET and HEAD requests under a language prefix, the sitemap and
  robots.txt, without a session or CSRF cookie (logged-in users, previews and forms are
  never cached), whose query string has only the parameters pages read
  (``KEYED_PARAMETERS``); the response must be a 200 or a redirect that sets no cookie and
  is not private. Search results are not cached (every query is a new key). A hit runs no
  SQL query: this middleware comes before the session, authentication and everything else
  that could ask the database.
"""

import hashlib
import logging
import re
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_max_age, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.text import compress_string

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
BOUNDARY_KEY = "page-cache:boundary"
STATUS_HEADER = "X-Page-Cache"
CACHED_STATUSES = {200, 301, 302}
# Query-string parameters that public pages read: listings' filters and page numbers, the
# sitemap's page. A request with any other parameter is served uncached (never wrongly).
KEYED_PARAMETERS = {"page", "upcoming_page", "year", "country", "organisation", "p"}
# Headers that describe the response itself; the others (security headers and the like) are
# added by the middleware around this one on every request, hit or miss.
STORED_HEADERS = {
    "content-type",
    "content-language",
    "content-disposition",
    "location",
    "cache-control",
    "etag",
    "last-modified",
    "x-frame-options",
    "vary",
}
NO_BOUNDARY = float("inf")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# --- What may be cached ----------------------------------------------------------------


def _language_prefixes():
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def _cached_path(path):
    if path in ("/robots.txt", "/sitemap.xml") or re.fullmatch(r"/sitemap-[\w-]+\.xml", path):
        return True
    if not path.startswith(_language_prefixes()):
        return False
    rest = path.split("/", 2)[2]
    return not rest.startswith("search/")


def request_is_cacheable(request):
    """Anonymous, cookie-less (as far as Django is concerned) GET/HEAD of a public address."""
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or settings.CSRF_COOKIE_NAME in request.COOKIES:
        return False
    if not _cached_path(request.path_info):
        return False
    return all(name in KEYED_PARAMETERS for name in request.GET)


def response_is_cacheable(response):
    if response.status_code not in CACHED_STATUSES or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    return "cookie" not in response.get("Vary", "").lower()


# --- Generation and time boundary ---------------------------------------------------------


def generation(cache=None):
    """The site's current generation (created on first use)."""
    cache = cache or page_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock, so a generation evicted from the cache is never reused.
        cache.add(GENERATION_KEY, int(time.time() * 1000), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def bump():
    """Make every cached response stale, on every app server sharing the cache."""
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or evicted): a new one is a new generation
        generation(cache)
    cache.delete(BOUNDARY_KEY)


def compute_next_boundary(now):
    """The next moment a live seminar ends (stops being upcoming), as a timestamp, or infinity."""
    from datetime import UTC, datetime

    from events.models import SeminarPage

    end = (
        SeminarPage.objects.live()
        .filter(end__gte=datetime.fromtimestamp(now, tz=UTC))
        .order_by("end")
        .values_list("end", flat=True)
        .first()
    )
    # `end >= now` is still upcoming: it becomes past just after `end`.
    return end.timestamp() + 0.001 if end is not None else NO_BOUNDARY


def _current_boundary(cache, current, stored, now):
    """The next boundary for generation ``current``: the stored one while it holds, else computed."""
    # The boundary was computed for this generation and has not passed yet.
    if stored is not None and stored[0] == current and now < stored[1]:
        return stored[1]
    until = compute_next_boundary(now)
    cache.set(BOUNDARY_KEY, (current, until), timeout=None)
    return until


def cache_key(request):
    """The address of a response: scheme, host, path and the sorted query (the language is in the path)."""
    query = urlencode(sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)))
    raw = f"{request.scheme}|{request.get_host()}|{request.path}|{query}"
    # "v3": what is stored (``PageCacheMiddleware.__call__``); a new format, new keys.
    return "page-cache:page:v3:" + hashlib.sha256(raw.encode()).hexdigest()


def lookup(request, now):
    """``(key, state, stored response or None)`` in one cache round trip.

    The generation, the boundary and the entry at the request's address are read together; the
    entry counts only if it was stored under the current generation and boundary. An entry of an
    older generation is simply overwritten by the next render.
    """
    cache = page_cache()
    key = cache_key(request)
    values = cache.get_many([GENERATION_KEY, BOUNDARY_KEY, key])
    current = values.get(GENERATION_KEY)
    if current is None:
        current = generation(cache)
    state = (current, _current_boundary(cache, current, values.get(BOUNDARY_KEY), now))
    entry = values.get(key)
    stored = entry[2] if entry is not None and (entry[0], entry[1]) == state else None
    return key, state, stored


# --- The middleware --------------------------------------------------------------------------


def _remaining(state, now):
    """Whole seconds until the next boundary (a large number when there is none)."""
    return max(0, int(min(state[1] - now, 10**9)))


def _lifetime(state, now):
    """Seconds a response may be kept: the configured lifetime, never past the next boundary."""
    return min(settings.PAGE_CACHE_TIMEOUT, _remaining(state, now))


def _patch_http_caching(response, state, now):
    """``Cache-Control`` for browsers and CDNs (bounded like the cache), and an ETag for 304s."""
    remaining = _remaining(state, now)
    own = get_max_age(response)
    max_age = min(x for x in (own, settings.PAGE_CACHE_MAX_AGE, remaining) if x is not None)
    s_maxage = min(settings.PAGE_CACHE_SHARED_MAX_AGE, remaining)
    patch_cache_control(response, public=True, max_age=max_age, s_maxage=max(max_age, s_maxage))
    if not response.has_header("ETag") and not response.streaming:
        set_response_etag(response)


class PageCacheMiddleware:
    """Serves and stores the responses described in the module's docstring.

    Placed after GZip and ConditionalGet (so hits are compressed and answered with 304s)
    and before SessionMiddleware (so a hit asks no database).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        now = time.time()
        try:
            key, state, stored = lookup(request, now)
        except Exception:  # the cache is down: serve from the database
            logger.exception("The page cache could not be read.")
            return self.get_response(request)
        if stored is not None:
            response = self._rebuild(
                stored, ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
            )
            _patch_http_caching(response, state, now)
            response[STATUS_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if not response_is_cacheable(response):
            response[STATUS_HEADER] = "skip"
            return response
        _patch_http_caching(response, state, now)
        lifetime = _lifetime(state, now)
        if lifetime > 0:
            try:
                page_cache().set(key, (*state, self._stored(response)), timeout=lifetime)
            except Exception:
                logger.exception("The page cache could not be written.")
        response[STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def _stored(response):
        """Status, headers and body, and the body compressed once (hits do not compress it again)."""
        headers = [(k, v) for k, v in response.items() if k.lower() in STORED_HEADERS]
        content = response.content
        compressed = compress_string(content, max_random_bytes=100) if len(content) >= 200 else None
        if compressed is not None and len(compressed) >= len(content):
            compressed = None
        return (response.status_code, headers, content, compressed)

    @staticmethod
    def _rebuild(stored, gzip):
        status, headers, content, compressed = stored
        response = HttpResponse(compressed if gzip and compressed else content, status=status)
        for name, value in headers:
            response[name] = value
        if compressed:
            patch_vary_headers(response, ("Accept-Encoding",))
            if gzip:
                # What GZipMiddleware does to a response it compresses (it leaves this one alone).
                response["Content-Encoding"] = "gzip"
                if response.has_header("ETag"):
                    response["ETag"] = re.sub(r'^"', 'W/"', response["ETag"])
        response["Content-Length"] = str(len(response.content))
        return response


# --- Invalidation ----------------------------------------------------------------------------


def _after_commit():
    bump()
    from . import frontend_cache

    frontend_cache.purge_site()


def content_changed(**kwargs):
    """Something visitors see changed: a new generation now, and again once the change is committed.

    The first bump covers readers of the cache during the transaction; the second makes sure
    that a page rendered from the database between the two (still showing the old content,
    since the change was not committed yet) is not served afterwards. The purge of a CDN in
    front (``frontend_cache``) also waits for the commit, once per transaction.
    """
    bump()
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(func is _after_commit for _s, func, _r in connection.run_on_commit):
        return
    transaction.on_commit(_after_commit)
