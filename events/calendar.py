"""iCalendar (RFC 5545) files of seminars, made with the icalendar library.

One seminar (``seminar_calendar``) or all the seminars of a language
(``language_calendar``), each a VEVENT with:

* a UID that stays the same across requests, publications and languages (it is
  built from the page's ``translation_key``), so adding a seminar twice, or in
  two languages, updates one calendar entry instead of duplicating it;
* DTSTART and DTEND as wall-clock times in the seminar's own time zone
  (``TZID``), with the matching VTIMEZONE, so the times stay right across daylight-saving changes;
* SUMMARY, DESCRIPTION and LOCATION in the page's language (``LANGUAGE``
  parameter), the page's URL, and STATUS from the seminar's status.

Texts are built with the page's language active, so country names and labels
from gettext are in that language too.
"""

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vUri

from .choices import SeminarStatus

PRODID = "-//Bilateral Initiative 2024-2025//Seminars//EN"
UID_DOMAIN = "seminars.bilateral-initiative"

ICAL_STATUS = {
    SeminarStatus.SCHEDULED: "CONFIRMED",
    SeminarStatus.RESCHEDULED: "CONFIRMED",
    SeminarStatus.POSTPONED: "TENTATIVE",
    SeminarStatus.CANCELLED: "CANCELLED",
}


def seminar_uid(seminar):
    return f"seminar-{seminar.translation_key}@{UID_DOMAIN}"


def _language(seminar):
    return seminar.locale.language_code


def location_text(seminar):
    """The venue on one line; an online-only seminar is "Online" and its address."""
    parts = [seminar.venue_name, seminar.venue_address, seminar.venue_city]
    if seminar.venue_country:
        parts.append(str(seminar.get_venue_country_display()))
    parts = [p for p in parts if p]
    if not parts and seminar.online:
        parts = [_("Online")]
        if seminar.online_url:
            parts.append(seminar.online_url)
    return ", ".join(parts)


def description_text(seminar, url):
    """The summary, the programme (time, title, speaker) and the page's address."""
    lines = []
    if seminar.status != SeminarStatus.SCHEDULED:
        lines += [str(seminar.get_status_display()), ""]
    if seminar.theme:
        lines += [seminar.theme, ""]
    lines.append(seminar.summary)
    programme = seminar.programme
    if programme:
        lines += ["", _("Programme") + ":"]
        for talk in programme:
            line = talk.title
            if talk.start_time:
                line = f"{talk.start_time:%H:%M} {line}"
            if talk.speaker_page:
                line = f"{line} – {talk.speaker_page.title}"
            lines.append(line)
    if seminar.online and seminar.online_url and seminar.is_upcoming:
        lines += ["", _("Join the seminar online") + ": " + seminar.online_url]
    lines += ["", url]
    return "\n".join(lines)


def _local_time(name, seminar, moment):
    """A DATE-TIME property as the seminar's wall-clock time with its TZID.

    Written by hand rather than from the aware datetime: icalendar writes a zone
    that is equivalent to UTC (Atlantic/Reykjavik) as UTC, and the seminar's
    own zone should be in the file. The VTIMEZONE is added in ``_finish``.
    """
    if seminar.time_zone == "UTC":
        return name, moment.astimezone(datetime.UTC)
    return name, moment.replace(tzinfo=None), {"TZID": seminar.time_zone}


def seminar_event(seminar, url):
    """A VEVENT for ``seminar``, its texts in the page's language. ``url`` is the page's full URL."""
    language = _language(seminar)
    with translation.override(language):
        event = Event()
        event.add("uid", seminar_uid(seminar))
        stamp = seminar.last_published_at or timezone.now()
        event.add("dtstamp", stamp.astimezone(datetime.UTC))
        if seminar.last_published_at:
            event.add("last-modified", seminar.last_published_at.astimezone(datetime.UTC))
        event.add(*_local_time("dtstart", seminar, seminar.local_start))
        event.add(*_local_time("dtend", seminar, seminar.local_end))
        event.add("summary", seminar.title, parameters={"LANGUAGE": language})
        event.add("description", description_text(seminar, url), parameters={"LANGUAGE": language})
        location = location_text(seminar)
        if location:
            event.add("location", location, parameters={"LANGUAGE": language})
        event.add("url", vUri(url), parameters={"VALUE": "URI"})
        event.add("status", ICAL_STATUS.get(seminar.status, "CONFIRMED"))
        event.add("transp", "OPAQUE")
        event.add("class", "PUBLIC")
    return event


def _calendar(name, language):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name, parameters={"LANGUAGE": language})
    calendar.add("x-wr-calname", name)
    return calendar


def _finish(calendar, seminars):
    """Add the VTIMEZONEs the events use, covering their dates (and no more)."""
    if seminars:
        first = min(s.start for s in seminars).date() - datetime.timedelta(days=366)
        last = max(s.end for s in seminars).date() + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def seminar_calendar(seminar, url):
    """The .ics file of one seminar (bytes)."""
    calendar = _calendar(seminar.title, _language(seminar))
    calendar.add_component(seminar_event(seminar, url))
    return _finish(calendar, [seminar])


def language_calendar(seminars, language, url_of):
    """A subscribable calendar of ``seminars`` with its name in ``language``.

    ``url_of(seminar)`` gives each page's full URL.
    """
    with translation.override(language):
        name = _("Seminars – %(site)s") % {"site": str(settings.WAGTAIL_SITE_NAME)}
    calendar = _calendar(name, language)
    # Calendar apps poll a subscription at this interval (RFC 7986, and Outlook's variant).
    calendar.add("refresh-interval", datetime.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    for seminar in seminars:
        calendar.add_component(seminar_event(seminar, url_of(seminar)))
    return _finish(calendar, seminars)
