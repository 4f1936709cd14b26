"""Calendar files: each seminar's .ics and the per-language feed, parsed with icalendar."""

import datetime

import pytest
from django.conf import settings
from icalendar import Calendar

from events.calendar import seminar_uid
from events.models import SeminarPage

from .conftest import LANGUAGES
from .test_event_support import dst_seminar, online_seminar

pytestmark = pytest.mark.django_db


def seminar_calendar_url(seminar):
    return seminar.calendar_url()


calendar_feed_url = SeminarPage.calendar_feed_url


def get_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return response, calendar


def check_event(event, calendar, seminar):
    """The VEVENT says what the page says, in the page's language and time zone."""
    language = seminar.locale.language_code
    assert str(event["uid"]) == seminar_uid(seminar)
    assert str(event["summary"]) == seminar.title
    assert event["summary"].params["LANGUAGE"] == language
    assert event["description"].params["LANGUAGE"] == language
    description = str(event["description"])
    assert seminar.summary in description
    for talk in seminar.programme:
        assert talk.title in description
        assert talk.speaker_page.title in description
    assert str(event["url"]) == seminar.get_full_url()
    assert seminar.get_full_url() in description
    # Same instant, and written in the seminar's own zone.
    assert event.start == seminar.start
    assert event.end == seminar.end
    assert event["dtstart"].params["TZID"] == seminar.time_zone
    assert event["dtend"].params["TZID"] == seminar.time_zone
    assert event.start.replace(tzinfo=None) == seminar.local_start.replace(tzinfo=None)
    # The VTIMEZONE in the file gives the same offsets as the time-zone database.
    zones = {str(tz["tzid"]): tz.to_tz() for tz in calendar.timezones}
    vtimezone = zones[seminar.time_zone]
    for moment in (seminar.local_start, seminar.local_end):
        naive = moment.replace(tzinfo=None)
        assert naive.replace(tzinfo=vtimezone).utcoffset() == moment.utcoffset()
    assert str(event["status"]) == "CONFIRMED"


def all_seminars():
    return list(SeminarPage.objects.live().select_related("locale").order_by("pk"))


def test_every_seminar_in_every_language_as_ics(client):
    dst_seminar()
    online_seminar()
    seminars = all_seminars()
    assert {s.locale.language_code for s in seminars} == set(LANGUAGES)
    assert len(seminars) == 4 + 2 + 4
    for seminar in seminars:
        url = seminar_calendar_url(seminar)
        assert url.startswith(f"/{seminar.locale.language_code}/")
        response, calendar = get_calendar(client, url)
        assert response["Content-Disposition"] == f'attachment; filename="{seminar.slug}.ics"'
        assert str(calendar["version"]) == "2.0"
        assert calendar["prodid"]
        [event] = calendar.events
        check_event(event, calendar, seminar)
        # The seminar page links to it.
        page = client.get(seminar.get_url())
        assert f'href="{url}"' in page.content.decode()


def demo_seminar(language):
    return SeminarPage.objects.get(locale__language_code=language, time_zone="Europe/Warsaw")


def test_demo_seminar_times_and_venue(client, language):
    seminar = demo_seminar(language)
    _response, calendar = get_calendar(client, seminar_calendar_url(seminar))
    event = calendar.events[0]
    assert event.start.isoformat() == "2025-02-26T10:00:00+01:00"
    assert event.end.isoformat() == "2025-02-26T15:30:00+01:00"
    location = str(event["location"])
    assert location.startswith("Centrum Konferencyjne Zielna, ul. Zielna 37, 00-108 Warszawa, ")
    assert event["location"].params["LANGUAGE"] == language
    # The city and the country are named in the page's language.
    country = {"pl": "Polska", "nb": "Polen", "is": "Pólland", "en": "Poland"}[language]
    assert location.endswith(f"{seminar.venue_city}, {country}"), location


def test_daylight_saving_change_inside_the_seminar(client):
    seminar = dst_seminar()
    _response, calendar = get_calendar(client, seminar_calendar_url(seminar))
    event = calendar.events[0]
    assert event.start.isoformat() == "2025-03-29T20:00:00+01:00"
    assert event.end.isoformat() == "2025-03-30T09:00:00+02:00"
    assert event.end.astimezone(datetime.UTC) - event.start.astimezone(datetime.UTC) == datetime.timedelta(
        hours=12
    )
    text = _response.content.decode()
    assert "DTSTART;TZID=Europe/Warsaw:20250329T200000" in text
    assert "DTEND;TZID=Europe/Warsaw:20250330T090000" in text
    assert "BEGIN:DAYLIGHT" in text and "BEGIN:STANDARD" in text


def test_online_only_seminar(client):
    seminar = online_seminar()
    _response, calendar = get_calendar(client, seminar_calendar_url(seminar))
    event = calendar.events[0]
    assert event.start.isoformat() == "2030-10-03T09:00:00+00:00"
    assert event["dtstart"].params["TZID"] == "Atlantic/Reykjavik"
    assert "https://meet.example.org/seminar" in str(event["location"])
    assert "https://meet.example.org/seminar" in str(event["description"])


def test_uid_is_stable_and_shared_by_the_translations(client):
    seminars = list(SeminarPage.objects.filter(time_zone="Europe/Warsaw").live())
    uids = set()
    for seminar in seminars:
        first = get_calendar(client, seminar_calendar_url(seminar))[1].events[0]["uid"]
        seminar.save_revision().publish()
        second = get_calendar(client, seminar_calendar_url(seminar))[1].events[0]["uid"]
        assert first == second
        uids.add(str(first))
    assert len(uids) == 1


def test_cancelled_seminar(client):
    seminar = SeminarPage.objects.get(locale__language_code="en")
    seminar.status = "cancelled"
    seminar.save_revision().publish()
    _response, calendar = get_calendar(client, seminar_calendar_url(seminar))
    assert str(calendar.events[0]["status"]) == "CANCELLED"


def test_wrong_language_prefix_redirects_to_the_page_language(client):
    seminar = SeminarPage.objects.get(locale__language_code="nb")
    response = client.get(f"/pl/calendar/seminar-{seminar.pk}.ics")
    assert response.status_code == 301
    assert response["Location"] == seminar_calendar_url(seminar)


@pytest.mark.parametrize("path", ["seminar-0.ics", "seminar-999999999.ics", f"seminar-{'9' * 40}.ics"])
def test_unknown_seminar_is_404(client, path):
    assert client.get(f"/en/calendar/{path}").status_code == 404


def test_draft_seminar_has_no_calendar(client):
    seminar = SeminarPage.objects.get(locale__language_code="is")
    seminar.unpublish()
    assert client.get(seminar_calendar_url(seminar)).status_code == 404
    # The feed falls back to the Polish source.
    _response, calendar = get_calendar(client, calendar_feed_url("is"))
    assert [e["summary"].params["LANGUAGE"] for e in calendar.events] == ["pl"]


def test_feed_per_language(client):
    dst = dst_seminar()  # translated into nb only
    online_seminar()
    for code in LANGUAGES:
        response, calendar = get_calendar(client, calendar_feed_url(code))
        assert response["Content-Disposition"].startswith("inline")
        assert "max-age" in response["Cache-Control"]
        assert calendar["x-wr-calname"]
        events = calendar.events
        # Every seminar once, in this language where it is translated.
        assert len(events) == 3
        by_uid = {str(e["uid"]): e for e in events}
        for seminar in SeminarPage.objects.live().filter(locale__language_code=code):
            check_event(by_uid[seminar_uid(seminar)], calendar, seminar)
        if code not in ("pl", "nb"):
            # Not translated into this language: offered in Polish, and says so.
            check_event(by_uid[seminar_uid(dst)], calendar, dst)
        assert [e.start for e in events] == sorted(e.start for e in events)


def test_feed_name_is_in_the_language(client):
    names = set()
    for code in LANGUAGES:
        _response, calendar = get_calendar(client, calendar_feed_url(code))
        assert calendar["name"].params["LANGUAGE"] == code
        names.add(str(calendar["x-wr-calname"]))
    assert len(names) >= 1


def test_feed_url_is_under_each_language():
    for code, _name in settings.LANGUAGES:
        assert calendar_feed_url(code) == f"/{code}/calendar/seminars.ics"
