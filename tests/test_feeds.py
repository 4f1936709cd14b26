"""The Atom feed of seminars, one per language, linked from every page's head."""

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET

from events.models import SeminarPage

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_lists_the_seminars_in_its_language(client, language):
    response = client.get(f"/{language}/feeds/seminars.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = feed.findall(f"{ATOM}entry")
    seminar = SeminarPage.objects.get(locale__language_code=language)
    assert [e.findtext(f"{ATOM}title") for e in entries] == [seminar.title]
    assert entries[0].findtext(f"{ATOM}summary") == seminar.summary
    assert entries[0].find(f"{ATOM}link").get("href").endswith(seminar.get_url())


def test_feed_leaves_out_unpublished_seminars(client):
    SeminarPage.objects.get(locale__language_code="nb").unpublish()
    feed = ET.fromstring(client.get("/nb/feeds/seminars.atom").content)
    assert feed.findall(f"{ATOM}entry") == []


def test_pages_link_to_the_feed_of_their_language(client, language):
    soup = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
    link = soup.select_one('head link[rel="alternate"][type="application/atom+xml"]')
    assert link["href"] == f"/{language}/feeds/seminars.atom"
    assert link["title"]
