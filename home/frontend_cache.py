"""Purging a CDN or caching proxy in front of the site (Wagtail's frontend cache), in every language.

Configured by ``WAGTAILFRONTENDCACHE`` (``cms/settings/base.py`` fills it from the environment;
any of Wagtail's backends works: Varnish/Squid over HTTP, Cloudflare, CloudFront, Azure).
It follows the page cache's choice (``home.cache``): after any change visitors can see is
committed, every public address of the site is purged, in every language tree (each
language's pages have their own slugs, so each translation's real URL is listed, rather
than Wagtail's ``WAGTAILFRONTENDCACHE_LANGUAGES`` rewriting of one URL's prefix), with the
feeds, calendars, sitemap and robots.txt. Between purges the CDN keeps a response at most
``s-maxage`` seconds and never past the next moment a seminar stops being upcoming
(``home.cache``), which no purge announces.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site


def site_urls():
    """Every public address of the site: live pages of every language, feeds, calendars, sitemap."""
    from events.models import SeminarPage

    urls = []
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("path")
    urls += [url for url in (page.get_full_url() for page in pages) if url]
    for site in Site.objects.all():
        root = site.root_url
        urls += [root + "/sitemap.xml", root + "/robots.txt"]
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                urls += [
                    root + reverse("seminar_feed"),
                    root + reverse("seminar_calendar_feed"),
                    root + f"/{code}/",
                ]
    for seminar in SeminarPage.objects.live().public().select_related("locale"):
        parts = seminar.get_url_parts()
        if parts:
            urls.append(parts[1] + seminar.calendar_url())
    return list(dict.fromkeys(urls))


def purge_site():
    """Purge every public address from the configured frontend caches (none configured: nothing)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    PurgeBatch(site_urls()).purge()
