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
        return page.get_url()

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's URL entries, with Wagtail's full URLs and the hreflang alternates.

        Addresses come from the Wagtail Site (as canonical URLs do), not from
        the request's Host header.
        """
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        keys = {url["item"].translation_key for url in urls}
        translations = defaultdict(dict)
        for translation in self.items().filter(translation_key__in=keys):
            translations[translation.translation_key][translation.locale.language_code] = translation
        for url in urls:
            item = url["item"]
            url["location"] = item.get_full_url()
            versions = translations[item.translation_key]
            url["alternates"] = [
                {"location": version.get_full_url(), "lang_code": code}
                for code, version in sorted(versions.items())
            ]
            if X_DEFAULT_LANGUAGE in versions:
                url["alternates"].append(
                    {"location": versions[X_DEFAULT_LANGUAGE].get_full_url(), "lang_code": "x-default"}
                )
        return urls


SITEMAPS = {"pages": PageSitemap}


def sitemap(request):
    """``/sitemap.xml``: the sitemap itself, or a sitemap index once it needs several files."""
    if PageSitemap().paginator.num_pages > 1:
        return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")
    return sitemap_views.sitemap(request, SITEMAPS)


def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)
