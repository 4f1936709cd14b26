"""Error pages, in the visitor's language.

The 404 page renders inside the site layout (language switcher included); the
500 page is a plain template rendered without context processors, so it still
renders when the database is down.
"""

from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def page_not_found(request, exception=None):
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


@requires_csrf_token
def server_error(request):
    template = loader.get_template("500.html")
    language = translation.get_language() or "pl"
    return HttpResponseServerError(template.render({"LANGUAGE_CODE": language}))


def robots_txt(request):
    """Crawlers may read everything public; the admin is not for them."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
