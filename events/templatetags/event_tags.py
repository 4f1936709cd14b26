"""Template tags of the events app: structured data, calendar links, social images, recordings."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from events import jsonld as structured
from events.views import calendar_feed_url, seminar_calendar_url

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
    """The schema.org data of a seminar, speaker or project page (a dict), or ``None``."""
    request = context.get("request")
    builders = {
        "SeminarPage": structured.seminar_data,
        "SpeakerPage": structured.speaker_data,
        "ProjectPage": structured.project_data,
    }
    builder = builders.get(type(page).__name__)
    return builder(page, request) if builder else None


@register.simple_tag
def calendar_url(seminar):
    return seminar_calendar_url(seminar)


@register.simple_tag(takes_context=True)
def calendar_feed(context, language_code, absolute=False):
    """The address of the seminars calendar feed in ``language_code`` (absolute if asked)."""
    url = calendar_feed_url(language_code)
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
