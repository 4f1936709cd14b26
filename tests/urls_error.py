"""The site's URLs plus one view that fails, to see the 500 page as visitors get it."""

from django.urls import path

from cms.urls import handler404, handler500
from cms.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("a test failure")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
__all__ = ["handler404", "handler500", "urlpatterns"]
