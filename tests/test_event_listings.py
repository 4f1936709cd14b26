"""Seminar and speaker listings: filters, pagination, bad parameters, order, queries."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events import listings
from events.models import (
    ProjectIndexPage,
    ProjectPage,
    SeminarPage,
    SeminarTalk,
    SpeakerIndexPage,
    SpeakerPage,
)

from .test_event_support import make_seminar, speaker

pytestmark = pytest.mark.django_db

BAD_PARAMETERS = [
    "page=abc",
    "page=99999",
    "page=0",
    "page=-1",
    "page=1.5",
    "page=" + "9" * 5000,
    "page=%00",
    "page=%D9%A3",  # an Arabic-Indic digit
    "upcoming_page=abc",
    "year=xyz",
    "year=1899",
    "year=" + "9" * 5000,
    "year=2025&year=abc",
    "country=<script>alert(1)</script>",
    "country=" + "X" * 10000,
    "country=%00",
    "country[]=PL",
    "organisation=abc",
    "organisation=99999999999999999999999",
]


def many_seminars(count, start_year=2015):
    """Polish seminars (no translations: fast), alternately in Poland and Norway, one a year."""
    project = ProjectPage.objects.get(locale__language_code="pl")
    ozimek = speaker("Ozimek")
    paulsen = speaker("Paulsen")
    made = []
    for i in range(count):
        start = datetime.datetime(start_year + i % 10, 5, 1 + i, 10, tzinfo=datetime.UTC)
        seminar = SeminarPage(
            title=f"Seminarium {i:02d}",
            slug=f"seminarium-{i:02d}",
            summary="Opis.",
            start=start,
            end=start + datetime.timedelta(hours=3),
            venue_city="Oslo" if i % 2 else "Kraków",
            venue_country="NO" if i % 2 else "PL",
        )
        seminar.talks = [
            SeminarTalk(start_time=datetime.time(10), title="A", speaker=ozimek, language="pl"),
            SeminarTalk(start_time=datetime.time(11), title="B", speaker=paulsen, language="en"),
        ]
        project.add_child(instance=seminar)
        seminar.save_revision().publish()
        made.append(seminar)
    return made


def listing_pages(language):
    return [
        ProjectPage.objects.get(locale__language_code=language),
        ProjectIndexPage.objects.get(locale__language_code=language),
    ]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def cards(soup, section):
    return [a.get_text(strip=True) for a in soup.select(f"#{section}-heading ~ ul .card__title a")]


def test_listing_shows_date_place_and_speakers(client, language):
    for page in listing_pages(language):
        soup = get(client, page.get_url())
        seminar = SeminarPage.objects.get(locale__language_code=language, time_zone="Europe/Warsaw")
        assert cards(soup, "past") == [seminar.title]
        card = soup.select_one(".seminar-card")
        when = card.select_one(".card__when time")["datetime"]
        assert datetime.datetime.fromisoformat(when) == seminar.start
        assert seminar.venue_city in card.select_one(".card__where").get_text()
        speakers = [a.get_text() for a in card.select(".card__speakers a")]
        assert speakers == [s.title for s in seminar.speakers()]
        assert {a["href"] for a in card.select(".card__speakers a")} == {
            s.get_url() for s in seminar.speakers()
        }


def test_upcoming_and_past_are_split(client):
    future = make_seminar(
        "przyszle", datetime.datetime(2031, 1, 10, 10), datetime.datetime(2031, 1, 10, 12), translate_to=()
    )
    soup = get(client, ProjectPage.objects.get(locale__language_code="pl").get_url())
    assert cards(soup, "upcoming") == [future.title]
    assert future.title not in cards(soup, "past")


def test_pagination_and_filters(client):
    many_seminars(25)
    page = ProjectPage.objects.get(locale__language_code="pl")
    soup = get(client, page.get_url())
    first = cards(soup, "past")
    assert len(first) == listings.SEMINARS_PER_PAGE
    assert soup.select_one('a[rel="next"]')["href"] == "?page=2"
    soup = get(client, page.get_url() + "?page=3")
    last = cards(soup, "past")
    assert len(last) == 26 - 2 * listings.SEMINARS_PER_PAGE
    # Newest first across pages.
    starts = [SeminarPage.objects.get(title=t, locale__language_code="pl").start for t in first + last]
    assert starts == sorted(starts, reverse=True)
    # Filters: year and country, kept by the pagination links.
    soup = get(client, page.get_url() + "?year=2016&country=NO")
    titles = cards(soup, "past")
    assert titles and all(SeminarPage.objects.get(title=t).venue_country == "NO" for t in titles)
    assert all(SeminarPage.objects.get(title=t).start.year == 2016 for t in titles)
    soup = get(client, page.get_url() + "?country=PL")
    assert soup.select_one('a[rel="next"]')["href"] == "?country=PL&page=2"
    assert soup.select_one("#id_country option[selected]")["value"] == "PL"
    assert not soup.select(".listing-notices .notice")


def test_site_wide_listing_on_the_project_index(client):
    many_seminars(3)
    index = ProjectIndexPage.objects.get(locale__language_code="pl")
    soup = get(client, index.get_url())
    assert len(cards(soup, "past")) == 4


@pytest.mark.parametrize("query", BAD_PARAMETERS)
def test_bad_parameters_never_fail(client, query):
    for code in ("pl", "is"):
        for page in listing_pages(code) + [SpeakerIndexPage.objects.get(locale__language_code=code)]:
            response = client.get(page.get_url() + "?" + query)
            assert response.status_code == 200, (page.get_url(), query)
            html = response.content.decode()
            assert "<script>alert" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=abc", listings.INVALID_PAGE),
        ("page=99999", listings.PAGE_OUT_OF_RANGE),
        ("page=" + "9" * 5000, listings.PAGE_OUT_OF_RANGE),
        ("year=xyz", listings.INVALID_YEAR),
        ("country=<script>", listings.INVALID_COUNTRY),
    ],
)
def test_bad_parameters_are_explained_in_the_visitors_language(client, language, query, message):
    page = ProjectPage.objects.get(locale__language_code=language)
    soup = get(client, page.get_url() + "?" + query)
    notices = [p.get_text(strip=True) for p in soup.select(".listing-notices[role=status] .notice")]
    with translation.override(language):
        assert notices == [str(message)]
    # The listing is still there.
    assert cards(soup, "past")


def test_speaker_filter_messages(client, language):
    index = SpeakerIndexPage.objects.get(locale__language_code=language)
    soup = get(client, index.get_url() + "?organisation=abc&country=ZZ")
    notices = [p.get_text(strip=True) for p in soup.select(".listing-notices .notice")]
    with translation.override(language):
        assert notices == [str(listings.INVALID_COUNTRY), str(listings.INVALID_ORGANISATION)]
    assert len(soup.select(".speaker-card")) == 6


def test_speakers_of_listed_seminars_in_a_bounded_number_of_queries(client, settings):
    # The render itself is counted: no page cache, and each count is of a second render (the
    # first may store renditions, file sizes and the site's root paths).
    settings.PAGE_CACHE_ENABLED = False
    page = ProjectPage.objects.get(locale__language_code="pl")
    get(client, page.get_url())
    with CaptureQueriesContext(connection) as few:
        get(client, page.get_url())
    many_seminars(9)
    get(client, page.get_url())
    with CaptureQueriesContext(connection) as more:
        get(client, page.get_url())
    # Ten seminars instead of one, each with speakers: the same number of queries.
    assert len(more.captured_queries) == len(few.captured_queries)


# --- Speakers ------------------------------------------------------------------------


def speaker_names(soup):
    return [a.get_text(strip=True) for a in soup.select(".speaker-card__name a")]


EXPECTED_ORDER = {
    # Ø after Z in Norwegian; Ø as O in the others.
    "nb": ["Figurski", "Nilholm", "Ozimek", "Paulsen", "Torjussen", "Øien"],
    "pl": ["Figurski", "Nilholm", "Øien", "Ozimek", "Paulsen", "Torjussen"],
    "is": ["Figurski", "Nilholm", "Ozimek", "Paulsen", "Torjussen", "Øien"],
    "en": ["Figurski", "Nilholm", "Øien", "Ozimek", "Paulsen", "Torjussen"],
}


def test_speaker_index_is_alphabetical_by_family_name_in_the_page_language(client, language):
    index = SpeakerIndexPage.objects.get(locale__language_code=language)
    soup = get(client, index.get_url())
    by_family = {s.title: s.family_name for s in SpeakerPage.objects.filter(locale__language_code=language)}
    assert [by_family[n] for n in speaker_names(soup)] == EXPECTED_ORDER[language]
    letters = [h.get_text(strip=True) for h in soup.select(".letter-group__letter")]
    assert (
        letters
        == {
            "nb": ["F", "N", "O", "P", "T", "Ø"],
            "pl": ["F", "N", "O", "P", "T"],
            "is": ["F", "N", "O", "P", "T", "Ö"],
            "en": ["F", "N", "O", "P", "T"],
        }[language]
    )


def test_speaker_index_filters(client, language):
    index = SpeakerIndexPage.objects.get(locale__language_code=language)
    soup = get(client, index.get_url() + "?country=PL")
    assert sorted(speaker_names(soup)) == ["Dawid Ozimek", "Paweł Figurski"]
    organisation = SpeakerPage.objects.get(locale__language_code=language, family_name="Øien").organisation
    soup = get(client, index.get_url() + f"?organisation={organisation.pk}")
    assert speaker_names(soup) == ["Anne Øien"]
    options = [o.get_text() for o in soup.select("#id_organisation option")][1:]
    assert organisation.name in options


def test_speaker_cards_list_their_talks_across_seminars(client):
    dst = make_seminar(
        "druga",
        datetime.datetime(2025, 6, 1, 10),
        datetime.datetime(2025, 6, 1, 12),
        talks=[(datetime.time(10), "Paulsen", "en")],
        translate_to=(),
    )
    index = SpeakerIndexPage.objects.get(locale__language_code="nb")
    soup = get(client, index.get_url())
    card = next(c for c in soup.select(".speaker-card") if "Paulsen" in c.get_text())
    talks = card.select(".speaker-card__talk-list li")
    assert len(talks) == 2
    # The untranslated seminar is shown in Polish, and marked so.
    assert talks[0].select_one("a")["lang"] == "pl"
    assert dst.title in talks[0].get_text()
    # And on the speaker page.
    paulsen = speaker("Paulsen", "nb")
    page = get(client, paulsen.get_url())
    assert len(page.select(".talk-list > li")) == 2
