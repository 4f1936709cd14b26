"""Search per language: only that language's pages, language-aware where PostgreSQL has it."""

from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.utils import translation

from events.models import SeminarPage

from .conftest import LANGUAGES

pytestmark = pytest.mark.django_db


def search(client, language, **params):
    response = client.get(f"/{language}/search/", params)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def result_titles(soup):
    return [a.get_text(strip=True) for a in soup.select(".search-result__title")]


def test_search_finds_pages_of_the_visitors_language_only(client, language):
    seminar = SeminarPage.objects.get(locale__language_code=language)
    # The names of people are the same in every language: a good probe for leaks.
    _response, soup = search(client, language, q="Torjussen")
    titles = result_titles(soup)
    assert "Christine Huseby Torjussen" in titles
    links = [a["href"] for a in soup.select(".search-result__title")]
    assert all(link.startswith(f"/{language}/") for link in links)
    _response, soup = search(client, language, q=seminar.title.split()[0])
    assert seminar.title in result_titles(soup)
    assert soup.html["lang"] == language


@pytest.mark.skipif(connection.vendor != "postgresql", reason="text-search configurations are PostgreSQL's")
@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("nb", "seminarene", "Byers motstandskraft og beredskap for kriser"),  # seminar, inflected
        ("en", "city", "Resilience and preparedness of cities for crises"),  # cities, stemmed
    ],
)
def test_search_is_language_aware_on_postgresql(client, language, query, expected):
    _response, soup = search(client, language, q=query)
    assert expected in result_titles(soup)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "AND OR NOT",
        "*",
        "(",
        "NEAR(a b",
        "'); DROP TABLE wagtailcore_page; --",
        "a:b",
        "-",
        "\\",
        "☃",
        "%",
        "_",
    ],
)
def test_hostile_queries_get_an_answer(client, query):
    response, soup = search(client, "en", q=query)
    # Either results (perhaps none) or a message saying what to type.
    answer = soup.select_one("#results-heading") or soup.select_one("#search-message")
    assert answer is not None and answer.get_text(strip=True)


def test_empty_query_asks_for_words(client, language):
    _response, soup = search(client, language, q="   ")
    with translation.override(language):
        prompt = translation.gettext("Type one or more words to search the pages in this language.")
    assert prompt in soup.get_text(" ", strip=True)
    assert not soup.select(".search-result")


def test_huge_query_is_refused_with_a_message(client, language):
    _response, soup = search(client, language, q="x" * 5000)
    message = soup.select_one("#search-message").get_text(strip=True)
    with translation.override(language):
        expected = translation.gettext("Your search is too long: use at most %(limit)d characters.") % {
            "limit": 200
        }
    assert message == expected


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1" * 400, "2.5"])
def test_bad_page_numbers_fall_back_to_a_page_that_exists(client, page):
    response, soup = search(client, "pl", q="Inicjatywa", page=page)
    assert soup.select(".search-result")


def test_pagination_keeps_the_query(client, django_capture_on_commit_callbacks):
    from events.models import SpeakerIndexPage, SpeakerPage

    index = SpeakerIndexPage.objects.get(locale__language_code="en")
    for number in range(25):
        index.add_child(
            instance=SpeakerPage(title=f"Tester {number}", slug=f"tester-{number}", family_name="Tester")
        )
    _response, soup = search(client, "en", q="Tester")
    assert len(soup.select(".search-result")) == 10
    next_link = soup.select_one('.pagination a[rel="next"]')["href"]
    assert "q=Tester" in next_link and "page=2" in next_link
    _response, soup = search(client, "en", q="Tester", page="3")
    assert len(soup.select(".search-result")) == 5


def test_switcher_on_search_keeps_the_query(client):
    _response, soup = search(client, "nb", q="Opole")
    links = {a["hreflang"]: a["href"] for a in soup.select("#language-switcher a[hreflang]")}
    for code in LANGUAGES:
        target = parse_qs(urlparse(links[code]).query)["next"][0]
        assert target == f"/{code}/search/?q=Opole"
