"""Language negotiation details that Django leaves to the site."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

NORWEGIAN_TAGS = {"no", "nn"}
SITE_NORWEGIAN = "nb"


def _normalise_norwegian(header):
    """Rewrite ``no``/``nn`` language ranges (and their regional forms) as ``nb``.

    Browsers send ``no``, ``nn``, ``no-NO`` or ``nn-NO`` for Norwegian readers;
    Django treats them as unrelated to ``nb``, the site's Norwegian. Quality
    values and every other range are kept as they are.
    """
    parts = []
    for item in header.split(","):
        tag, sep, params = item.strip().partition(";")
        if tag.split("-", 1)[0].lower() in NORWEGIAN_TAGS:
            tag = SITE_NORWEGIAN
        parts.append(tag + sep + params)
    return ",".join(parts)


class NorwegianLanguageMiddleware:
    """Runs before ``LocaleMiddleware`` so that Norwegian visitors land on ``/nb/``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_ACCEPT_LANGUAGE")
        # Django ignores headers longer than this anyway; leave those untouched.
        if header and len(header) <= 500:
            request.META["HTTP_ACCEPT_LANGUAGE"] = _normalise_norwegian(header)
        return self.get_response(request)


# Paths outside ``i18n_patterns`` (cms/urls.py): they never get a language prefix.
UNPREFIXED_PATHS = ("/admin/", "/documents/", "/static/", "/media/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's ``LocaleMiddleware``, except that it never prefixes the admin and other unprefixed paths.

    Django redirects a 404 without a language prefix to the prefixed path when that path
    resolves, and Wagtail's page-serving catch-all makes every prefixed path resolve: a 404
    of the admin's page API (``/admin/api/main/pages/N/``) became a redirect to
    ``/pl/admin/api/...``, and the translation editor waited for it forever.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)


class AdminLanguageMiddleware:
    """The whole of an admin request speaks the user's admin language (Account → Preferences).

    Wagtail switches to that language only while its view runs; what it says around the view
    (the "Sorry, you do not have permission" message of a refused screen) came out in the
    request's language instead, Polish for a Norwegian translator. Runs after the
    authentication and message middleware, so stored messages are in that language too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.path_info.startswith("/admin/") and user is not None and user.is_authenticated:
            from django.utils import translation
            from wagtail.users.models import UserProfile

            language = UserProfile.get_for_user(user).get_preferred_language()
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
