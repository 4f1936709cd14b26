"""Views outside Wagtail's page tree: search, error pages, language choice, robots.txt.

Error pages are in the visitor's language.

The 404 page renders inside the site layout (language switcher included); the
500 page is a plain template rendered without context processors, so it still
renders when the database is down. When the error is the database being unreachable
(a restart, a failover), the answer is a short 503 page with Retry-After instead.
"""

import base64
import hashlib
import re
import sys

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import InterfaceError, OperationalError
from django.db.models import CharField, Subquery, Value
from django.db.models.functions import Concat
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page, Site
from wagtail.url_routing import RouteResult

from events.listings import paginate

from .pages import with_restriction_flag
from .search import Matcher, hit, rank, search_query


@requires_csrf_token
def page_not_found(request, exception=None):
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"request_path": request.path}, request))


@requires_csrf_token
def server_error(request):
    """Django's handler500, called while the uncaught exception is being handled."""
    language = translation.get_language() or "pl"
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return service_unavailable(language)
    template = loader.get_template("500.html")
    response = HttpResponseServerError(template.render({"LANGUAGE_CODE": language}))
    allow_inline_styles(response)
    return response


def allow_inline_styles(response):
    """The error pages' own <style> (no static files when things are broken), allowed by its hash."""
    response._csp_update = {"style-src": style_hashes(response.content.decode())}


def style_hashes(html):
    """CSP source expressions for the inline <style> elements of ``html``."""
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()}'"
        for style in re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    ]


# What the database driver raises when the server is down, restarting or unreachable, or
# when it dropped the connection in the middle of a request (Django wraps the driver's errors).
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5


def service_unavailable(language):
    """503: a short page in the visitor's language that touches neither the database nor the cache.

    Persistent connections are checked before reuse (CONN_HEALTH_CHECKS), so the first request
    after the database is back gets a new connection: the site recovers by itself.
    """
    template = loader.get_template("503.html")
    response = HttpResponse(template.render({"LANGUAGE_CODE": language}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    allow_inline_styles(response)
    return response


def robots_txt(request):
    """Crawlers may read everything public; the admin is not for them.

    The sitemap's address uses the Wagtail site's address, like canonical URLs.
    """
    site = Site.find_for_request(request)
    origin = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {origin}{reverse('sitemap')}", ""]
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


SEARCH_RESULTS_PER_PAGE = 10
SEARCH_MAX_LENGTH = 200


def search(request):
    """``/<language>/search/?q=``: live pages of the visitor's language only.

    An empty, over-long or odd query gets a message, never an error; a bad
    page number shows the first or the last page, with a notice (as listings do).
    """
    query = request.GET.get("q", "").strip()
    # Words only: quotes, brackets and operators mean syntax to the full-text engines.
    terms = " ".join(re.sub(r"[^\w\s]", " ", query).split())
    context = {"query": query, "switch_to_same_view": True, "results": None, "message": ""}
    if len(query) > SEARCH_MAX_LENGTH:
        context["message"] = _("Your search is too long: use at most %(limit)d characters.") % {
            "limit": SEARCH_MAX_LENGTH
        }
    elif query and not terms:
        context["message"] = _("Search for words: punctuation and symbols alone find nothing.")
    elif terms:
        # Matched by base forms and ranked by where the words are: home/search.py.
        language = translation.get_language()
        matcher = Matcher(terms, language)
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        found = rank(pages.search(search_query(terms, language)), matcher)
        notices = []
        results = paginate(request, found, "page", {"q": query}, notices, per_page=SEARCH_RESULTS_PER_PAGE)
        context["results"] = results
        context["hits"] = [hit(page, matcher) for page in results.page]
        context["message"] = " ".join(str(notice) for notice in notices)
    return TemplateResponse(request, "home/search.html", context)


def _route(request, path):
    """The live page at ``path`` in the request's language tree, in two queries (Wagtail's: two a level).

    Wagtail's routing asks the database for the home page's translation, then for each level of
    the path the child with that slug and its specific row. A page's ``url_path`` is its
    language tree's home ``url_path`` followed by the slugs, so one query finds it (the home
    page's translation in a subquery) and a second fetches its specific row with its locale.
    Nothing found (no live page there, or no home page in this language): Wagtail's own routing
    decides, with its fallbacks.
    """
    site = Site.find_for_request(request)
    if site is None:
        return None
    slugs = "".join(f"{component}/" for component in path.split("/") if component)
    home = Page.objects.filter(
        translation_key=site.root_page.translation_key,
        locale__language_code=translation.get_language(),
        live=True,
    ).values("url_path")[:1]
    found = (
        Page.objects.filter(url_path=Concat(Subquery(home), Value(slugs), output_field=CharField()))
        .values_list("pk", "content_type_id", "live")
        .first()
    )
    if found is None or not found[2]:
        return None
    model = ContentType.objects.get_for_id(found[1]).model_class()
    related = ("locale", *getattr(model, "serve_related", ()))
    page = with_restriction_flag(model.objects.select_related(*related)).get(pk=found[0])
    return RouteResult(page)


def serve(request, path):
    """Wagtail's page view (hooks, view restrictions, ``page.serve``) with the route found by ``_route``."""
    if not hasattr(request, "_wagtail_route_for_request"):
        route = _route(request, path)
        if route is not None:
            request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)
