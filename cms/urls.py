"""URLs: the admin and documents unprefixed, everything visitors see under /<language>/."""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import sitemaps
from home import views as home_views
from home.feeds import SeminarFeed
from home.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),  # for load balancers: no language, no cache
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("language/<str:code>/", home_views.switch_language, name="switch_language"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Uploaded files, on one's own machine only (cms/settings/dev.py), with DEBUG on or off.
    # Documents never: /documents/ serves them after checking their collection's privacy.
    from django.views.static import serve

    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?!documents/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns += i18n_patterns(
    path("feeds/seminars.atom", SeminarFeed(), name="seminar_feed"),
    path("search/", home_views.search, name="search"),
    path("", include("events.urls")),
    # Wagtail's page serving is a catch-all, so it comes last; its pages are found in two
    # queries whatever their depth (home.views.serve), the rest is Wagtail's.
    re_path(r"^((?:[\w\-]+/)*)$", home_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = home_views.page_not_found
handler500 = home_views.server_error
