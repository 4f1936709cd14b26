"""Language negotiation details that Django leaves to the site."""

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
