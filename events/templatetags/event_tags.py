"""Template tags of the events app: structured data, calendar links, social images, recordings."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from events import jsonld as structured
from events.models import SeminarPage

register = template.Library()

# As django.utils.html.json_script: the JSON cannot close its <script> element
# or open a comment, whatever the editors type.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """``data`` as JSON for a ``<script type="application/ld+json">`` element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None, separators=(",", ":"))
    return mark_safe(text.translate(JSON_ESCAPES))  # noqa: S308 (escaped above, as json_script does)


@register.simple_tag(takes_context=True)
def structured_data(context, page):
    """The schema.org data of a page that provides it (seminar, speaker, project: a dict), or ``None``."""
    provider = getattr(page, "structured_data", None)
    return provider(context.get("request")) if provider else None


@register.simple_tag
def calendar_url(seminar):
    return seminar.calendar_url()


@register.simple_tag(takes_context=True)
def calendar_feed(context, language_code, absolute=False):
    """The address of the seminars calendar feed in ``language_code`` (absolute if asked)."""
    url = SeminarPage.calendar_feed_url(language_code)
    request = context.get("request")
    return request.build_absolute_uri(url) if absolute and request is not None else url


@register.simple_tag(takes_context=True)
def absolute_url(context, page, url):
    """``url`` (for example a rendition's) as an absolute address on the page's site."""
    return structured.absolute(page, url, context.get("request"))


@register.filter
def webcal(url):
    """An http(s) address as a webcal:// one, which calendar apps open as a subscription."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return "webcal://" + url[len(scheme) :]
    return url
