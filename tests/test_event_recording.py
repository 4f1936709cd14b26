"""The recording without tracking, the presentations and the programme."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from events.models import SeminarPage
from events.video import parse_video_url

from .test_event_support import online_seminar

pytestmark = pytest.mark.django_db

VIDEO_HOSTS = ("youtube", "youtu.be", "ytimg", "vimeo", "googlevideo", "doubleclick", "google")


def soup_of(client, page):
    response = client.get(page.get_url())
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def external_requests(soup):
    """Every address the browser would fetch by itself on loading the page (not links)."""
    found = []
    for tag in soup.find_all(True):
        for attribute in ("src", "srcset", "data", "poster", "background"):
            if tag.get(attribute):
                found.append((tag.name, tag[attribute]))
        if (
            tag.name == "link"
            and tag.get("rel")
            and set(tag["rel"])
            & {
                "preconnect",
                "dns-prefetch",
                "preload",
                "prefetch",
                "stylesheet",
                "icon",
            }
        ):
            found.append((tag.name, tag["href"]))
    return found


def test_nothing_is_requested_from_the_video_host_until_the_visitor_asks(client, language):
    seminar = SeminarPage.objects.get(locale__language_code=language, time_zone="Europe/Warsaw")
    response, soup = soup_of(client, seminar)
    assert not soup.find("iframe")
    assert not soup.find("video")
    for _tag, address in external_requests(soup):
        host = urlsplit(address).hostname
        assert host is None or host in ("localhost", "testserver"), address
    # No inline script: only the JSON-LD data block and the deferred local file.
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            continue
        assert script.get("src") == "/static/js/recording.js" and script.has_attr("defer"), script
        assert not script.string
    html = response.content.decode()
    assert "youtube.com/embed" not in html
    # The player is built from data the script reads, on click; until then a local poster and a button.
    player = soup.select_one("[data-recording]")
    assert player["data-embed-url"].startswith("https://www.youtube-nocookie.com/embed/Bi2025Semin?")
    assert player.get("aria-live") == "polite"
    poster = player.find("img")
    assert poster["src"].startswith("/media/") and poster["alt"] == ""
    button = player.find("button")
    assert button["type"] == "button" and button.has_attr("hidden")  # shown by the script
    assert "YouTube" in button.get_text()


def test_the_plain_link_works_without_javascript(client, language):
    seminar = SeminarPage.objects.get(locale__language_code=language, time_zone="Europe/Warsaw")
    _response, soup = soup_of(client, seminar)
    link = soup.select_one(".recording__link a")
    assert link["href"] == seminar.video_url == "https://www.youtube.com/watch?v=Bi2025Semin"
    assert link["hreflang"] == "pl"
    facts = soup.select_one(".recording__facts").get_text(" ", strip=True)
    assert seminar.get_video_language_display() in facts  # the recording's language, in the page's


def test_subtitles_are_stated(client):
    seminar = SeminarPage.objects.get(locale__language_code="en")
    _response, soup = soup_of(client, seminar)
    assert "No subtitles." in soup.select_one(".recording__facts").get_text()
    seminar.video_subtitle_languages = "en,pl"
    seminar.save_revision().publish()
    _response, soup = soup_of(client, seminar)
    facts = " ".join(soup.select_one(".recording__facts").get_text(" ", strip=True).split())
    assert "Subtitles: Polish, English" in facts
    assert seminar.subtitle_languages == [("pl", "Polish"), ("en", "English")]


def test_vimeo_recording_uses_do_not_track(client):
    seminar = SeminarPage.objects.get(locale__language_code="nb")
    seminar.video_url = "https://vimeo.com/123456789"
    seminar.save_revision().publish()
    response, soup = soup_of(client, seminar)
    player = soup.select_one("[data-recording]")
    assert player["data-embed-url"] == "https://player.vimeo.com/video/123456789?autoplay=1&dnt=1"
    assert "player.vimeo.com" not in " ".join(a for _t, a in external_requests(soup))


def test_other_video_hosts_get_only_the_link(client):
    seminar = SeminarPage.objects.get(locale__language_code="is")
    seminar.video_url = "https://video.example.org/watch/42"
    seminar.save_revision().publish()
    _response, soup = soup_of(client, seminar)
    assert soup.select_one("[data-recording]") is None
    assert soup.select_one(".recording__link a")["href"] == seminar.video_url
    assert not soup.select('script[src$="recording.js"]')


def test_page_without_recording_loads_no_script(client):
    seminar = online_seminar()
    _response, soup = soup_of(client, seminar)
    assert soup.select_one(".recording") is None
    assert not soup.select("script[src]")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=Bi2025Semin", ("youtube", "Bi2025Semin")),
        ("https://youtu.be/dQw4w9WgXcQ?t=10", ("youtube", "dQw4w9WgXcQ")),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://www.youtube.com/live/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&list=x", ("youtube", "dQw4w9WgXcQ")),
        ("https://vimeo.com/123456789", ("vimeo", "123456789")),
        ("https://player.vimeo.com/video/123456789", ("vimeo", "123456789")),
        ('https://www.youtube.com/watch?v=bad"><script>', None),
        ("javascript:alert(1)", None),
        ("https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("https://www.youtube.com/channel/xyz", None),
        ("", None),
        ("http://[::1", None),
    ],
)
def test_parse_video_url(url, expected):
    video = parse_video_url(url)
    assert (video and (video.provider, video.video_id)) == expected or (video is None and expected is None)


def test_recording_script_builds_privacy_friendly_iframes_only():
    script = (Path(settings.BASE_DIR) / "static_src/js/recording.js").read_text()
    assert "youtube-nocookie\\.com" in script and "player\\.vimeo\\.com" in script
    assert 'createElement("iframe")' in script
    assert "innerHTML" not in script and "eval(" not in script


# --- Presentations ----------------------------------------------------------------------


def test_presentations_state_type_size_and_language(client, language):
    seminar = SeminarPage.objects.get(locale__language_code=language, time_zone="Europe/Warsaw")
    _response, soup = soup_of(client, seminar)
    links = soup.select(".talk .download__link")
    programme = seminar.programme
    assert len(links) == len(programme) == 6
    for link, talk in zip(links, programme, strict=True):
        assert link["href"] == talk.presentation.url
        assert link["hreflang"] == talk.language
        assert link["type"] == "application/pdf"
        meta = link.find_next_sibling(class_="download__meta").get_text(" ", strip=True)
        assert meta.startswith("(PDF, ")
        assert talk.get_language_display() in meta
        assert re.search(r"\d", meta)


def test_documents_are_served_as_pdf(client):
    seminar = SeminarPage.objects.get(locale__language_code="pl", time_zone="Europe/Warsaw")
    for talk in seminar.programme:
        response = client.get(talk.presentation.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body.startswith(b"%PDF")


# --- Programme ---------------------------------------------------------------------------


def test_programme_in_time_order_with_speakers_and_roles(client, language):
    seminar = SeminarPage.objects.get(locale__language_code=language, time_zone="Europe/Warsaw")
    _response, soup = soup_of(client, seminar)
    items = soup.select("ol.programme > li.talk")
    times = [li.select_one(".talk__time time").get_text() for li in items]
    assert times == ["10:15", "11:00", "11:30", "12:30", "13:00", "13:30"]
    assert items[0].select_one(".talk__time time")["datetime"] == "2025-02-26T10:15"
    for li, talk in zip(items, seminar.programme, strict=True):
        assert li.select_one(".talk__title").get_text(strip=True) == talk.title
        assert li.select_one(".talk__speaker a").get_text(strip=True) == talk.speaker_page.title
        assert li.select_one(".talk__role").get_text(strip=True) == str(talk.get_role_display())
