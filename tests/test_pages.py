"""Every page type renders in every language, marked up in that language."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import RequestFactory
from django.utils import translation

from events.models import SeminarPage
from home.demo import content
from home.views import server_error

from .conftest import LANGUAGES
from .pages import demo_pages

pytestmark = pytest.mark.django_db


def get_soup(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response, BeautifulSoup(response.content, "html.parser")


def test_every_page_renders_in_its_language(client, language):
    pages = demo_pages(language)
    assert len(pages) == 12
    for page in pages:
        url = page.get_url()
        assert url.startswith(f"/{language}/")
        _response, soup = get_soup(client, url)
        assert soup.html["lang"] == language, url
        assert soup.h1.get_text(strip=True) == page.title, url
        assert page.title in soup.title.get_text(), url


def test_site_root_redirects_to_a_language(client):
    response = client.get("/", headers={"accept-language": "is"})
    assert response.status_code == 302
    assert response["Location"] == "/is/"


def test_home_pages_show_the_translated_intro(client, language):
    _response, soup = get_soup(client, f"/{language}/")
    assert content.HOME["intro"][language] in soup.get_text(" ", strip=True)
    assert soup.html["lang"] == language


def test_seminar_page_lists_programme_and_speakers_in_its_language(client, language):
    seminar = SeminarPage.objects.get(locale__language_code=language)
    response, soup = get_soup(client, seminar.get_url())
    text = soup.get_text(" ", strip=True)
    for talk in content.SEMINAR["talks"]:
        assert talk["title"][language] in text
    hrefs = {a["href"] for a in soup.select("a[href]")}
    for talk in seminar.programme:
        assert talk.speaker_page.get_url() in hrefs
    # The presentations are offered.
    for talk in seminar.programme:
        assert talk.presentation.url in response.content.decode()


def test_language_switcher_links_to_the_same_page_in_every_language(client, language):
    seminar = SeminarPage.objects.get(locale__language_code=language)
    _response, soup = get_soup(client, seminar.get_url())
    links = {a["hreflang"]: a for a in soup.select("#language-switcher a[hreflang][lang]")}
    for code, name in settings.LANGUAGES:
        link = links[code]
        target = SeminarPage.objects.get(locale__language_code=code).get_url()
        assert link["href"] == f"/language/{code}/?" + urlencode({"next": target})
        response = client.get(link["href"])
        assert response.status_code == 302
        assert response["Location"] == target
        assert link.get_text(strip=True).startswith(name)
    assert links[language].get("aria-current")


FUNDING_MSGID = (
    "The Bilateral Initiative 2024–2025 is funded by Iceland, Liechtenstein and Norway "
    "through the EEA and Norway Grants, under the Bilateral Cooperation Fund."
)


def test_footer_acknowledges_the_funding_in_the_visitors_language(client, language):
    _response, soup = get_soup(client, f"/{language}/")
    with translation.override(language):
        expected = translation.gettext(FUNDING_MSGID)
    if language != "en":
        assert expected != FUNDING_MSGID
    assert expected in soup.find("footer").get_text(" ", strip=True)


@pytest.mark.parametrize("code", LANGUAGES)
def test_unknown_path_is_the_sites_404_in_that_language(client, code):
    response, soup = get_soup(client, f"/{code}/no-such-page/", status=404)
    assert soup.html["lang"] == code
    assert response.templates[0].name == "404.html"


def test_unknown_language_prefix_is_a_404_not_a_500(client):
    response = client.get("/xx/something/", follow=True)
    assert response.status_code == 404
    assert response.templates[0].name == "404.html"


def test_500_page_renders_without_the_database(language, django_assert_num_queries):
    with translation.override(language), django_assert_num_queries(0):
        response = server_error(RequestFactory().get(f"/{language}/"))
        expected = translation.gettext("Something went wrong")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert expected in html


def test_menus_mark_the_current_page_and_section(client, language):
    """aria-current="page" on the menu link of the page itself, "true" on its section's link."""
    from events.models import SpeakerIndexPage, SpeakerPage
    from home.models import AccessibilityStatementPage, HomePage

    speakers = SpeakerIndexPage.objects.get(locale__language_code=language)
    speaker = SpeakerPage.objects.child_of(speakers).live().first()
    statement = AccessibilityStatementPage.objects.get(locale__language_code=language)
    home = HomePage.objects.get(locale__language_code=language)

    def marks(url):
        _response, soup = get_soup(client, url)
        links = soup.select(".main-nav a, .footer-nav a")
        return {a["href"]: a.get("aria-current") for a in links}

    assert marks(speakers.get_url())[speakers.get_url()] == "page"
    assert marks(speaker.get_url())[speakers.get_url()] == "true"
    on_statement = marks(statement.get_url())
    assert on_statement[statement.get_url()] == "page"
    assert on_statement[speakers.get_url()] is None
    assert set(marks(home.get_url()).values()) == {None}
    with translation.override(language):
        label = translation.gettext("Speakers")
    _response, soup = get_soup(client, home.get_url())
    assert soup.select_one(f'.main-nav a[href="{speakers.get_url()}"]').get_text(strip=True) == label
