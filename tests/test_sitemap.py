"""/sitemap.xml lists every live page in every language with hreflang alternates; robots.txt."""

import pytest
from defusedxml import ElementTree as ET
from wagtail.models import Page, Site

from events.models import SeminarPage
from home.sitemaps import PageSitemap

from .conftest import LANGUAGES

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def test_sitemap_lists_every_live_page_with_its_alternates(client):
    urlset = parse(client.get("/sitemap.xml"))
    entries = urlset.findall("s:url", NS)
    live = Page.objects.live().public().filter(depth__gt=1)
    assert len(entries) == live.count() == 48
    locations = {e.findtext("s:loc", namespaces=NS) for e in entries}
    assert locations == {page.full_url for page in live}
    for entry in entries:
        links = {x.get("hreflang"): x.get("href") for x in entry.findall("x:link", NS)}
        assert set(links) == {*LANGUAGES, "x-default"}
        assert entry.findtext("s:loc", namespaces=NS) in links.values()
        assert links["x-default"] == links["pl"]


def test_sitemap_leaves_out_drafts_and_their_alternates(client):
    seminar = SeminarPage.objects.get(locale__language_code="is")
    seminar.unpublish()
    urlset = parse(client.get("/sitemap.xml"))
    assert seminar.full_url not in {e.findtext("s:loc", namespaces=NS) for e in urlset.findall("s:url", NS)}
    hrefs = {x.get("href") for x in urlset.iterfind(".//x:link", NS)}
    assert seminar.full_url not in hrefs


def test_sitemap_becomes_an_index_when_it_needs_several_files(client, monkeypatch):
    monkeypatch.setattr(PageSitemap, "limit", 10)
    index = parse(client.get("/sitemap.xml"))
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    files = [loc.text for loc in index.iterfind("s:sitemap/s:loc", NS)]
    assert len(files) == 5  # 48 URLs, 10 a file
    seen = []
    for address in files:
        path = address.split("://", 1)[1].split("/", 1)[1]
        urlset = parse(client.get("/" + path))
        seen += [e.findtext("s:loc", namespaces=NS) for e in urlset.findall("s:url", NS)]
    assert len(seen) == len(set(seen)) == 48


def test_sitemap_bad_page_number_is_a_404_not_a_500(client):
    assert client.get("/sitemap-pages.xml?p=abc").status_code == 404
    assert client.get("/sitemap-pages.xml?p=99999").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_sitemap_answers_in_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/sitemap.xml")


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    site = Site.objects.get(is_default_site=True)
    assert f"Sitemap: {site.root_url}/sitemap.xml" in lines
