"""Structured data (JSON-LD) and link previews, checked against the page they are on."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.utils import translation
from PIL import Image

from events.models import ProjectPage, SeminarPage, SpeakerPage
from events.templatetags.event_tags import jsonld

from .conftest import LANGUAGES
from .test_event_support import dst_seminar, online_seminar

pytestmark = pytest.mark.django_db


def page_soup(client, page):
    response = client.get(page.get_url())
    assert response.status_code == 200, page.get_url()
    return response, BeautifulSoup(response.content, "html.parser")


def structured(soup):
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    text = scripts[0].string
    assert "<" not in text and ">" not in text
    return json.loads(text)


def check_seminar(client, seminar):
    language = seminar.locale.language_code
    _response, soup = page_soup(client, seminar)
    data = structured(soup)
    url = seminar.get_full_url()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == seminar.title == soup.h1.get_text(strip=True)
    assert data["description"] == seminar.summary
    assert data["url"] == url
    assert data["mainEntityOfPage"]["inLanguage"] == language == soup.html["lang"]
    # Same moments as the page's <time> elements, with the offset of the seminar's zone.
    start = datetime.datetime.fromisoformat(data["startDate"])
    end = datetime.datetime.fromisoformat(data["endDate"])
    assert start == seminar.start and end == seminar.end
    assert start.utcoffset() == seminar.local_start.utcoffset()
    assert end.utcoffset() == seminar.local_end.utcoffset()
    times = [t["datetime"] for t in soup.select(".facts time")]
    assert datetime.datetime.fromisoformat(times[0]) == start
    assert datetime.datetime.fromisoformat(times[-1]) == end
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    # The performers are the speakers the page links to, in the page's language.
    speaker_urls = [s.get_full_url() for s in seminar.speakers()]
    assert [p["url"] for p in data["performer"]] == speaker_urls
    assert [p["name"] for p in data["performer"]] == [s.title for s in seminar.speakers()]
    assert all(p["@id"] == p["url"] + "#person" for p in data["performer"])
    linked = {a["href"] for a in soup.select(".talk__speaker a")}
    assert linked == {s.get_url() for s in seminar.speakers()}
    # The languages it is held in: those of the talks, each talk with its own.
    assert data["inLanguage"] == seminar.talk_languages()
    assert [e["inLanguage"] for e in data["subEvent"]] == [t.language for t in seminar.programme]
    assert [e["name"] for e in data["subEvent"]] == [t.title for t in seminar.programme]
    return data


def test_every_seminar_in_every_language(client):
    dst_seminar()
    online_seminar()
    seminars = SeminarPage.objects.live().select_related("locale")
    assert {s.locale.language_code for s in seminars} == set(LANGUAGES)
    for seminar in seminars:
        check_seminar(client, seminar)


def test_demo_seminar_details(client, language):
    seminar = SeminarPage.objects.get(locale__language_code=language, time_zone="Europe/Warsaw")
    data = check_seminar(client, seminar)
    assert data["startDate"] == "2025-02-26T10:00:00+01:00"
    assert data["endDate"] == "2025-02-26T15:30:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place"
    assert place["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "ul. Zielna 37, 00-108 Warszawa",
        "addressLocality": seminar.venue_city,
        "addressCountry": "PL",
    }
    assert virtual["@type"] == "VirtualLocation"
    assert sorted(data["inLanguage"]) == ["en", "pl"]
    assert data["image"][0].startswith("http")
    assert "1200" in data["image"][0] or data["image"][0].endswith((".png", ".jpg"))
    organizers = data["organizer"]
    assert {o["name"] for o in organizers} == {
        p.organisation.name for p in seminar.get_parent().specific.partners.all()
    }
    video = data["recordedIn"]
    assert video["@type"] == "VideoObject"
    assert video["url"] == seminar.video_url
    assert video["embedUrl"].startswith("https://www.youtube-nocookie.com/embed/")
    assert video["inLanguage"] == "pl"
    assert video["thumbnailUrl"] and video["uploadDate"] == "2025-02-26"
    assert data["subEvent"][0]["startDate"] == "2025-02-26T10:15:00+01:00"


def test_online_only_seminar(client):
    seminar = online_seminar()
    data = check_seminar(client, seminar)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/seminar"}
    assert data["inLanguage"] == ["nb", "pl", "en"]
    assert data["startDate"] == "2030-10-03T09:00:00+00:00"
    assert "recordedIn" not in data


def test_seminar_across_daylight_saving_change(client):
    seminar = dst_seminar()
    for version in seminar.get_translations(inclusive=True).live():
        data = check_seminar(client, version.specific)
        assert data["startDate"] == "2025-03-29T20:00:00+01:00"
        assert data["endDate"] == "2025-03-30T09:00:00+02:00"
        # Multi-day: talk times are not tied to a date.
        assert all("startDate" not in e for e in data["subEvent"])


def test_cancelled_seminar(client):
    seminar = SeminarPage.objects.get(locale__language_code="nb")
    seminar.status = "cancelled"
    seminar.save_revision().publish()
    data = check_seminar_status(client, seminar)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def check_seminar_status(client, seminar):
    _response, soup = page_soup(client, seminar)
    assert soup.select_one(".seminar__status")
    return structured(soup)


def test_editor_text_cannot_break_out_of_the_script(client):
    seminar = SeminarPage.objects.get(locale__language_code="en")
    seminar.title = 'Crises </script><script>alert("x")</script> & <!-- more'
    seminar.summary = "Ends with </SCRIPT > and \u2028 line separators"
    seminar.save_revision().publish()
    response, soup = page_soup(client, seminar)
    data = structured(soup)
    assert data["name"] == seminar.title
    assert data["description"] == seminar.summary
    assert b"</script><script>alert" not in response.content
    assert "\\u003C/script\\u003E" in soup.select_one('script[type="application/ld+json"]').string


def test_jsonld_filter_escapes_like_json_script():
    text = jsonld({"a": "<b>&</b>", "ł": "Øien"})
    assert text == '{"a":"\\u003Cb\\u003E\\u0026\\u003C/b\\u003E","ł":"Øien"}'
    assert json.loads(text) == {"a": "<b>&</b>", "ł": "Øien"}


def test_speaker_pages_describe_a_person(client, language):
    for speaker in (
        SpeakerPage.objects.live().filter(locale__language_code=language).select_related("organisation")
    ):
        _response, soup = page_soup(client, speaker)
        data = structured(soup)
        url = speaker.get_full_url()
        assert data["@type"] == "Person"
        assert data["@id"] == f"{url}#person"
        assert data["name"] == speaker.title
        assert data["familyName"] == speaker.family_name
        assert data["jobTitle"] == speaker.job_title
        assert data["affiliation"]["name"] == speaker.organisation.name
        assert data["affiliation"]["url"] == speaker.organisation.website
        assert data["image"].startswith("http")
        assert data["mainEntityOfPage"]["inLanguage"] == language
        # The seminar they spoke at, pointing to the Event on the seminar page.
        seminar = SeminarPage.objects.get(locale__language_code=language, time_zone="Europe/Warsaw")
        assert data["performerIn"][0]["@id"] == f"{seminar.get_full_url()}#event"


def test_speaker_links_are_same_as(client):
    speaker = SpeakerPage.objects.get(locale__language_code="pl", family_name="Øien")
    speaker.links = [("link", {"url": "https://orcid.org/0000-0000-0000-0000", "label": "ORCID"})]
    speaker.save_revision().publish()
    _response, soup = page_soup(client, speaker)
    assert structured(soup)["sameAs"] == ["https://orcid.org/0000-0000-0000-0000"]


def test_speaker_description_is_plain_text_with_entities_decoded(client):
    """The biography's "&", non-breaking space and line break come out as text, not as HTML entities."""
    speaker = SpeakerPage.objects.get(locale__language_code="pl", family_name="Øien")
    speaker.biography = "<p>Nordland &amp; Troms&nbsp;fylke<br/>Bodø</p><p>Second paragraph</p>"
    speaker.save_revision().publish()
    _response, soup = page_soup(client, speaker)
    assert structured(soup)["description"] == "Nordland & Troms\xa0fylke Bodø Second paragraph"


def test_project_page_describes_the_project_and_its_funder(client, language):
    project = ProjectPage.objects.get(locale__language_code=language)
    _response, soup = page_soup(client, project)
    data = structured(soup)
    assert data["@type"] == "Project"
    assert data["name"] == project.title
    assert data["description"] == project.summary
    assert data["funder"] == {"@type": "Organization", "name": project.funding_programme}
    assert data["foundingDate"] == "2024-04-01"
    assert {m["name"] for m in data["member"]} == {p.organisation.name for p in project.partners.all()}
    seminar = SeminarPage.objects.get(locale__language_code=language, time_zone="Europe/Warsaw")
    assert data["event"][0]["@id"] == f"{seminar.get_full_url()}#event"
    # Every seminar, by start, at Wagtail's own address (the listing builds them from plain rows).
    seminars = project.get_children().live().specific().order_by("seminarpage__start")
    assert [(e["@id"], e["name"], e["startDate"]) for e in data["event"]] == [
        (f"{s.get_full_url()}#event", s.title, s.local_start.isoformat()) for s in seminars
    ]
    assert data["mainEntityOfPage"]["inLanguage"] == language


# --- Link previews ------------------------------------------------------------------


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def test_seminar_link_preview(client, language):
    seminar = SeminarPage.objects.get(locale__language_code=language, time_zone="Europe/Warsaw")
    _response, soup = page_soup(client, seminar)
    image = meta(soup, "og:image")
    assert image.startswith("http://") or image.startswith("https://")
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "og:image:alt") == seminar.image_alt_text
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image") == image
    assert meta(soup, "twitter:image:alt") == seminar.image_alt_text
    assert meta(soup, "twitter:title") == seminar.title == meta(soup, "og:title")
    assert meta(soup, "twitter:description") == meta(soup, "og:description")
    assert len(soup.find_all("meta", attrs={"property": "og:image"})) == 1
    # The rendition exists and is served at that size.
    path = image.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("media/")


def test_speaker_link_preview(client, language):
    speaker = SpeakerPage.objects.get(locale__language_code=language, family_name="Torjussen")
    _response, soup = page_soup(client, speaker)
    # The demo portraits are smaller than 1200 px; Wagtail does not enlarge, but keeps 1200:630.
    width, height = int(meta(soup, "og:image:width")), int(meta(soup, "og:image:height"))
    rendition = speaker.photo.get_rendition("fill-1200x630")
    assert (width, height) == (rendition.width, rendition.height)
    assert width <= 1200 and abs(width / height - 1200 / 630) < 0.01
    assert meta(soup, "og:image:alt") == speaker.photo_alt_text
    assert meta(soup, "twitter:card") == "summary_large_image"


def test_pages_without_an_image_share_the_sites_picture(client):
    project = ProjectPage.objects.get(locale__language_code="is")
    _response, soup = page_soup(client, project)
    image = meta(soup, "og:image")
    assert image.startswith("http") and "/static/img/share" in image
    with Image.open(finders.find("img/share.png")) as picture:
        assert picture.size == (1200, 630)
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    with translation.override("is"):
        alt = translation.gettext("Three linked rings, the sign of the Bilateral Initiative 2024–2025")
    assert meta(soup, "og:image:alt") == alt
    assert meta(soup, "twitter:card") == "summary_large_image"
