"""Calendar files of seminars (the pages themselves are served by Wagtail)."""

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from home.pages import public

from . import calendar
from .models import SeminarPage
from .queries import attach_programmes

CALENDAR_TYPE = "text/calendar; charset=utf-8"
FEED_MAX_AGE = 60 * 60
# Larger ids cannot be in the database (a 64-bit column) and overflow SQLite's driver.
MAX_ID = 2**63 - 1


def _calendar_response(body, filename, attachment):
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    # Django's helper quotes the name, and writes a non-ASCII one as RFC 6266's filename*.
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return response


@require_safe
def seminar_ics(request, page_id):
    """One seminar as an .ics file ("Add to calendar"), in the page's language."""
    if page_id > MAX_ID:
        raise Http404
    seminar = get_object_or_404(public(SeminarPage.objects.live()).select_related("locale"), pk=page_id)
    language = seminar.locale.language_code
    if translation.get_language() != language:
        # /nb/.../seminar-<id of the Polish page>.ics: the file is the Polish page's.
        return HttpResponsePermanentRedirect(seminar.calendar_url())
    body = calendar.seminar_calendar(seminar, seminar.get_full_url(request))
    return _calendar_response(body, f"{seminar.slug}.ics", attachment=True)


@require_safe
def seminar_calendar_feed(request):
    """All seminars as a calendar that calendar apps can subscribe to, in the URL's language."""
    language = translation.get_language()
    seminars = attach_programmes(public(SeminarPage.objects.live()).once_each(language))
    body = calendar.language_calendar(seminars, language, lambda s: s.get_full_url(request))
    response = _calendar_response(body, f"seminars-{language}.ics", attachment=False)
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    return response
