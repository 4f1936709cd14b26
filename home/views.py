"""Views outside Wagtail's page tree: error pages, language choice, robots.txt.

Error pages are in the visitor's language.

The 404 page renders inside the site layout (language switcher included); the
500 page is a plain template rendered without context processors, so it still
renders when the database is down.
"""

from django.conf import settings
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
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


@never_cache
def switch_language(request, code):
    """Remember the visitor's choice of language, then go to the page in that language.

    The language switcher links here, so the cookie is set only when a visitor
    chooses; pages themselves never set cookies (they stay cacheable). ``next``
    must be a path on this site in the chosen language; anything else goes to
    that language's home page.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not (safe and next_url.startswith(f"/{code}/")):
        next_url = f"/{code}/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response
