"""Search per language: only that language's pages, matched by base forms on SQLite and PostgreSQL."""

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
    return [" ".join(a.get_text().split()) for a in soup.select(".search-result__title")]


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


def test_results_after_the_ranked_ones_follow_on_every_page(client, monkeypatch):
    """Only the first RANK_LIMIT results are ranked; pages past them show the rest, none twice."""
    from events.models import SpeakerIndexPage, SpeakerPage

    monkeypatch.setattr("home.search.RANK_LIMIT", 7)
    index = SpeakerIndexPage.objects.get(locale__language_code="en")
    for number in range(25):
        index.add_child(
            instance=SpeakerPage(
                title=f"Tester {number}" if number % 2 else f"Person {number}",
                slug=f"tester-{number}",
                family_name="Tester",
                job_title="Tester",
            )
        )
    seen = []
    for page in ("1", "2", "3"):
        _response, soup = search(client, "en", q="Tester", page=page)
        seen += result_titles(soup)
    assert len(seen) == len(set(seen)) == 25


def test_switcher_on_search_keeps_the_query(client):
    _response, soup = search(client, "nb", q="Opole")
    links = {a["hreflang"]: a["href"] for a in soup.select("#language-switcher a[hreflang]")}
    for code in LANGUAGES:
        target = parse_qs(urlparse(links[code]).query)["next"][0]
        assert target == f"/{code}/search/?q=Opole"


# --- Inflection: the relevance set ---------------------------------------------------------
#
# Per language, probe pages whose text holds only inflected forms of the words searched for,
# and queries in a base form and in other inflected forms, each with the probes it must find
# (and so must not find the other probe). Run on SQLite and on PostgreSQL (make test-postgres).

PROBES = {
    "pl": {
        "Sonda A": "Szkolenia dla samorządów o zarządzaniu w czasie kryzysów.",
        "Sonda B": "Rozmowy o odporności miast i o gminach na Pomorzu.",
    },
    "is": {
        "Könnun A": "Samstarf sveitarfélaga á Norðurlöndum.",
        "Könnun B": "Viðbúnaður borga og viðnámsþróttur íbúanna.",
    },
    "nb": {
        "Prøve A": "Beredskap i byene og kommunenes samarbeid.",
        "Prøve B": "Krisene rammet lokalsamfunnene hardt.",
    },
    "en": {
        "Probe A": "Preparing cities for crises.",
        "Probe B": "Municipalities cooperating across borders.",
    },
}

RELEVANCE = [
    # (language, query, the probes it must find)
    ("pl", "samorząd", {"Sonda A"}),
    ("pl", "samorządy", {"Sonda A"}),
    ("pl", "samorządom", {"Sonda A"}),
    ("pl", "kryzys", {"Sonda A"}),
    ("pl", "kryzysami", {"Sonda A"}),
    ("pl", "odporność", {"Sonda B"}),
    ("pl", "odpornością", {"Sonda B"}),
    ("pl", "miasto", {"Sonda B"}),
    ("pl", "miastach", {"Sonda B"}),
    ("pl", "gmina", {"Sonda B"}),
    ("pl", "odporność miasta", {"Sonda B"}),
    ("pl", "samorządów", {"Sonda A"}),  # the exact form still matches
    ("is", "sveitarfélag", {"Könnun A"}),
    ("is", "sveitarfélögum", {"Könnun A"}),
    ("is", "borg", {"Könnun B"}),
    ("is", "borgir", {"Könnun B"}),
    ("is", "viðbúnaði", {"Könnun B"}),
    ("nb", "by", {"Prøve A"}),
    ("nb", "byer", {"Prøve A"}),
    ("nb", "byen", {"Prøve A"}),
    ("nb", "kommune", {"Prøve A"}),
    ("nb", "krise", {"Prøve B"}),
    ("nb", "kriser", {"Prøve B"}),
    ("nb", "lokalsamfunn", {"Prøve B"}),
    ("en", "city", {"Probe A"}),
    ("en", "crisis", {"Probe A"}),
    ("en", "municipality", {"Probe B"}),
    ("en", "cooperation", {"Probe B"}),
]


@pytest.fixture
def probes():
    from events.models import SpeakerIndexPage, SpeakerPage

    for code, pages in PROBES.items():
        index = SpeakerIndexPage.objects.get(locale__language_code=code)
        for number, (title, text) in enumerate(pages.items()):
            index.add_child(
                instance=SpeakerPage(
                    title=title, slug=f"probe-{number}", family_name="Probe", biography=f"<p>{text}</p>"
                )
            )


@pytest.mark.parametrize(("language", "query", "expected"), RELEVANCE)
def test_base_forms_find_inflected_forms(client, probes, language, query, expected):
    _response, soup = search(client, language, q=query)
    found = set(result_titles(soup)) & set(PROBES[language])
    assert found == expected


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        # From the issue: the words of the demo seminar in each language.
        ("pl", "kryzys", "Odporność i przygotowanie miast na sytuacje kryzysowe"),  # "kryzysy"
        ("pl", "miasto", "Odporność i przygotowanie miast na sytuacje kryzysowe"),  # "miast", "miasta"
        ("is", "borg", "Viðnámsþróttur og viðbúnaður borga vegna áfalla"),  # "borga", "borgir"
        ("nb", "byen", "Byers motstandskraft og beredskap for kriser"),  # "byer", "Byers"
        ("nb", "seminarene", "Byers motstandskraft og beredskap for kriser"),  # "seminaret"
        ("en", "city", "Resilience and preparedness of cities for crises"),  # "cities"
    ],
)
def test_demo_seminar_is_found_by_base_forms(client, language, query, expected):
    _response, soup = search(client, language, q=query)
    assert expected in result_titles(soup)


def test_titles_rank_above_summaries_and_summaries_above_other_text(client):
    from events.models import SpeakerIndexPage, SpeakerPage

    index = SpeakerIndexPage.objects.get(locale__language_code="pl")
    # Created in the reverse of the expected order, so the order is not the order of creation.
    pages = [
        ("Osoba z biografią", "", "O samorządach, samorządów, samorządom i samorządy."),
        ("Osoba ze stanowiskiem", "Doradczyni samorządów", ""),
        ("Samorządowiec", "", ""),
    ]
    for number, (title, job_title, biography) in enumerate(pages):
        index.add_child(
            instance=SpeakerPage(
                title=title,
                slug=f"rank-{number}",
                family_name="Ranking",
                job_title=job_title,
                biography=f"<p>{biography}</p>" if biography else "",
            )
        )
    index.add_child(instance=SpeakerPage(title="Samorząd", slug="rank-title", family_name="Ranking"))
    _response, soup = search(client, "pl", q="samorząd")
    titles = [t for t in result_titles(soup) if t in {p[0] for p in pages} | {"Samorząd"}]
    assert titles[0] == "Samorząd"
    assert titles[1:] == ["Osoba ze stanowiskiem", "Osoba z biografią"]


def test_matches_are_marked_in_the_title_and_summary(client, probes):
    from events.models import SpeakerIndexPage, SpeakerPage

    index = SpeakerIndexPage.objects.get(locale__language_code="is")
    index.add_child(
        instance=SpeakerPage(
            title="Fulltrúi sveitarfélaga",
            slug="marked",
            family_name="Merkt",
            job_title="Ráðgjafi <sveitarfélögum> & borgum",
        )
    )
    _response, soup = search(client, "is", q="sveitarfélag")
    result = next(r for r in soup.select(".search-result") if "Fulltrúi" in r.get_text())
    assert [m.get_text() for m in result.select(".search-result__title mark")] == ["sveitarfélaga"]
    summary = result.select_one(".search-result__summary")
    assert [m.get_text() for m in summary.select("mark")] == ["sveitarfélögum"]
    # Text is escaped, never markup.
    assert summary.get_text() == "Ráðgjafi <sveitarfélögum> & borgum"


def test_long_summaries_show_the_words_around_the_first_match(client):
    from events.models import SpeakerIndexPage, SpeakerPage

    index = SpeakerIndexPage.objects.get(locale__language_code="en")
    filler = " ".join(f"w{n}" for n in range(45))
    index.add_child(
        instance=SpeakerPage(
            title="Long summary",
            slug="long",
            family_name="Long",
            job_title=f"{filler} municipalities end",
        )
    )
    _response, soup = search(client, "en", q="municipality")
    result = next(r for r in soup.select(".search-result") if "Long summary" in r.get_text())
    summary = result.select_one(".search-result__summary")
    assert summary.select_one("mark").get_text() == "municipalities"
    assert summary.get_text().startswith("… ")
    assert summary.get_text().endswith("municipalities end")


def test_update_index_rebuilds_the_base_forms(client, probes):
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    IndexEntry.objects.all().delete()
    _response, soup = search(client, "pl", q="samorząd")
    assert "Sonda A" not in result_titles(soup)
    call_command("update_index", verbosity=0)
    _response, soup = search(client, "pl", q="samorząd")
    assert "Sonda A" in result_titles(soup)
