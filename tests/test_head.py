"""The head of every page: lang, canonical, reciprocal hreflang, Open Graph locales; fallbacks."""

from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from events.models import SeminarPage, SpeakerIndexPage, SpeakerPage

from .conftest import LANGUAGES
from .pages import demo_pages

pytestmark = pytest.mark.django_db
OG = {"pl": "pl_PL", "nb": "nb_NO", "is": "is_IS", "en": "en_GB"}


@pytest.fixture(autouse=True)
def origin():
    global ORIGIN
    ORIGIN = Site.objects.get(is_default_site=True).root_url


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def alternates(soup):
    return {link["hreflang"]: link["href"] for link in soup.select('head link[rel="alternate"][hreflang]')}


def test_hreflang_is_reciprocal_across_the_whole_demo(client):
    sets = {}
    for code in LANGUAGES:
        for page in demo_pages(code):
            url = ORIGIN + page.get_url()
            soup = head(client, page.get_url())
            sets[url] = alternates(soup)
            assert soup.select_one('link[rel="canonical"]')["href"] == url
    assert len(sets) == 48
    for url, links in sets.items():
        # Every language, the page itself included, and x-default (the Polish source).
        assert set(links) == {*LANGUAGES, "x-default"}, url
        assert url in links.values()
        assert links["x-default"] == links["pl"]
        for code in LANGUAGES:
            # The page each link points to points back with the same set.
            assert sets[links[code]] == links, (url, code)


def test_open_graph_locales_and_titles(client, language):
    seminar = SeminarPage.objects.get(locale__language_code=language)
    soup = head(client, seminar.get_url())
    assert soup.select_one('meta[property="og:locale"]')["content"] == OG[language]
    others = {m["content"] for m in soup.select('meta[property="og:locale:alternate"]')}
    assert others == {OG[c] for c in LANGUAGES if c != language}
    assert soup.select_one('meta[property="og:title"]')["content"] == seminar.title
    assert soup.select_one('meta[name="description"]')["content"] == seminar.summary
    assert soup.select_one('meta[property="og:url"]')["content"] == ORIGIN + seminar.get_url()


@pytest.fixture
def polish_only_speaker(django_capture_on_commit_callbacks):
    index = SpeakerIndexPage.objects.get(locale__language_code="pl")
    page = SpeakerPage(title="Jan Kowalski", slug="jan-kowalski", family_name="Kowalski")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def switcher(soup):
    return {a["hreflang"]: a for a in soup.select("#language-switcher a[hreflang]")}


def test_a_page_only_in_polish_offers_the_nearest_translated_ancestor(client, polish_only_speaker):
    soup = head(client, polish_only_speaker.get_url())
    assert soup.html["lang"] == "pl"
    # Only the Polish version exists: no alternates pointing elsewhere.
    assert set(alternates(soup)) == {"pl", "x-default"}
    links = switcher(soup)
    assert "aria-current" in links["pl"].attrs
    with translation.override("pl"):
        note = translation.gettext("This page is not translated. The link leads to:")
    for code in ["nb", "is", "en"]:
        index = SpeakerIndexPage.objects.get(locale__language_code=code)
        target = parse_qs(urlparse(links[code]["href"]).query)["next"][0]
        assert target == index.get_url()
        # Said visibly (and so to screen readers), in the visitor's language.
        text = links[code].get_text(" ", strip=True)
        assert note in text and index.title in text


def test_a_draft_translation_is_never_offered(client):
    nb_seminar = SeminarPage.objects.get(locale__language_code="nb")
    nb_seminar.unpublish()
    pl_seminar = SeminarPage.objects.get(locale__language_code="pl")
    soup = head(client, pl_seminar.get_url())
    assert "nb" not in alternates(soup)
    target = parse_qs(urlparse(switcher(soup)["nb"]["href"]).query)["next"][0]
    assert target == nb_seminar.get_parent().get_url()
    assert client.get(nb_seminar.get_url()).status_code == 404


def test_switcher_names_each_language_in_itself(client):
    soup = head(client, "/en/")
    links = switcher(soup)
    for code, name in settings.LANGUAGES:
        assert links[code]["lang"] == code
        assert links[code].get_text(strip=True) == name
    assert "aria-current" in links["en"].attrs
    assert all("aria-current" not in links[c].attrs for c in ["pl", "nb", "is"])
    # No flags: language is not a country.
    assert not soup.select("#language-switcher img")


def test_switcher_on_the_404_page_goes_to_each_home(client):
    response = client.get("/is/no-such-page/")
    soup = BeautifulSoup(response.content, "html.parser")
    links = switcher(soup)
    for code in LANGUAGES:
        target = parse_qs(urlparse(links[code]["href"]).query)["next"][0]
        assert target == Page.objects.get(depth=2, locale__language_code=code).get_url()


def test_descriptions_from_rich_text_are_escaped_once(client):
    index = SpeakerIndexPage.objects.get(locale__language_code="en")
    index.intro = "<p>Speakers &amp; moderators of <b>the</b> seminars</p>"
    index.save()
    response = client.get(index.get_url())
    assert b'content="Speakers &amp; moderators of the seminars"' in response.content
