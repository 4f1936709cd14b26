"""The multilingual sitemap: every live page in every language, with hreflang alternates.

Wagtail's own sitemap lists only the default site's tree and no alternates
(Wagtail issue #12420), so the site has its own. Each page carries an
``xhtml:link`` for every live translation (itself included) and ``x-default``
(the Polish source). One sitemap file holds at most ``limit`` URLs; beyond
that ``/sitemap.xml`` becomes a sitemap index. With four alternates a URL
entry takes about 1 kB, so 10,000 URLs keep each file far below the 50 MB and
50,000-URL limits of the protocol.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from wagtail.models import Page

from .pages import public

X_DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


class RootPathsCache:
    """Where Wagtail keeps the sites' root paths for the URLs of one sitemap file."""


class PageSitemap(Sitemap):
    limit = 10_000

    def items(self):
        return (
            public(Page.objects.live())
            .filter(depth__gt=1)
            .select_related("locale")
            .only("id", "path", "url_path", "translation_key", "locale", "last_published_at")
            .order_by("path")
        )

    def location(self, page):
        return self._url_parts(page)[2]

    def _url_parts(self, page):
        """Wagtail's URL parts of ``page``, worked out once per page and sitemap file."""
        known = self.__dict__.setdefault("_parts", {})
        if page.pk not in known:
            known[page.pk] = page.get_url_parts(self.__dict__.setdefault("_cache_object", RootPathsCache()))
        return known[page.pk] or (None, "", "")

    def _full_url(self, page):
        _site, root, path = self._url_parts(page)
        return f"{root}{path}" if root else path

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's URL entries, with Wagtail's full URLs and the hreflang alternates.

        Addresses come from the Wagtail Site (as canonical URLs do), not from
        the request's Host header.
        """
        # Each page's URL is worked out once (``_url_parts``), with the sites' root paths kept on
        # one object (as Wagtail's frontend cache does): otherwise each reads them from the cache.
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        keys = {url["item"].translation_key for url in urls}
        translations = defaultdict(dict)
        for translation in self.items().filter(translation_key__in=keys):
            translations[translation.translation_key][translation.locale.language_code] = translation
        for url in urls:
            item = url["item"]
            url["location"] = self._full_url(item)
            versions = translations[item.translation_key]
            url["alternates"] = [
                {"location": self._full_url(version), "lang_code": code}
                for code, version in sorted(versions.items())
            ]
            if X_DEFAULT_LANGUAGE in versions:
                default = self._full_url(versions[X_DEFAULT_LANGUAGE])
                url["alternates"].append({"location": default, "lang_code": "x-default"})
        return urls


SITEMAPS = {"pages": PageSitemap}


def sitemap(request):
    """``/sitemap.xml``: the sitemap itself, or a sitemap index once it needs several files."""
    if PageSitemap().paginator.num_pages > 1:
        return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")
    return sitemap_views.sitemap(request, SITEMAPS)


def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)
