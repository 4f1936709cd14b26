"""What a visitor sees first (issue 10): the programme under its own name, the site's own error pages.

* The project page is the programme, „Inicjatywa Bilateralna 2024-2025”, and its name is the
  site's name in every language: titles, breadcrumbs, structured data, calendars, feeds.
* ``make run`` (the development settings) serves the demo as visitors see it: DEBUG off unless
  ``DEBUG=1``, the site's own 404 page in the visitor's language, static and media files served.
  ``test_make_run_serves_own_404_static_and_media`` starts the real ``runserver``.
"""

import json
import os
import re
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from events.models import ProjectPage, SeminarPage
from home.demo import content
from home.models import HomePage

from . import demo_before
from .conftest import LANGUAGES
from .pages import demo_pages

SITE_NAME_MSGID = "Bilateral Initiative 2024–2025"
FEED_TITLE_MSGID = "Seminars of the Bilateral Initiative 2024–2025"
NOT_FOUND_MSGIDS = [
    "Page not found",
    "Sorry, there is no page at this address. It may have been moved or removed, "
    "or the address may be mistyped.",
]
# What Django's technical pages (DEBUG on) say; the site's own pages never do.
TECHNICAL_MARKERS = ["Using the URLconf defined in", "DEBUG = True", "Django tried these URL patterns"]

# The names the demo gave the programme and its project before.
OLD_NAMES = [demo_before.HOME_TITLE.pl, *(demo_before.PROJECT["title"][code] for code in LANGUAGES)]
OLD_POLISH_NAME = re.compile(r"Inicjatyw\w* Dwustronn")


def gettext_in(code, msgid):
    with translation.override(code):
        return translation.gettext(msgid)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


# --- The programme's name -------------------------------------------------------------------


def test_the_programme_has_its_own_name():
    assert content.PROGRAMME_NAME.pl == "Inicjatywa Bilateralna 2024-2025"
    assert content.PROGRAMME_NAME.en == "Bilateral Initiative 2024–2025"
    assert content.PROGRAMME_NAME.nb == "Bilateralt initiativ 2024–2025"
    assert content.PROGRAMME_NAME.is_ == "Tvíhliða frumkvæði 2024–2025"
    # The fund keeps its own name.
    assert "Fundusz Współpracy Dwustronnej" in content.PROJECT["funding_programme"].pl


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_project_home_and_site_share_the_programmes_name(code):
    name = content.PROGRAMME_NAME[code]
    assert gettext_in(code, SITE_NAME_MSGID) == name
    with translation.override(code):
        assert str(settings.WAGTAIL_SITE_NAME) == name
    assert ProjectPage.objects.get(locale__language_code=code).title == name
    assert HomePage.objects.get(locale__language_code=code).title == name
    # Its closing seminar is the project's seminar.
    seminar = SeminarPage.objects.get(locale__language_code=code)
    assert isinstance(seminar.get_parent().specific, ProjectPage)
    assert seminar.title == content.SEMINAR["title"][code]


@pytest.mark.django_db
def test_project_page_tells_the_programme(client, language):
    name = content.PROGRAMME_NAME[language]
    project = ProjectPage.objects.get(locale__language_code=language)
    assert project.slug == content.PROJECT["slug"][language]
    response = client.get(project.get_url())
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == name
    # The programme's page is titled by its name alone, not "name – name".
    assert soup.title.get_text(strip=True) == name
    text = soup.get_text(" ", strip=True)
    assert content.PROJECT["summary"][language] in text
    for paragraph in content.PROJECT["body"]:
        assert paragraph[language] in text
    assert content.PROJECT["funding_programme"][language] in text
    for key in content.PROJECT_PARTNERS:
        assert content.ORGANISATIONS[key]["name"][language] in text
    assert content.SEMINAR["title"][language] in text
    data = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    assert any(item.get("name") == name and item.get("foundingDate") == "2024-04-01" for item in data)


@pytest.mark.django_db
def test_seminar_page_names_the_programme(client, language):
    name = content.PROGRAMME_NAME[language]
    project = ProjectPage.objects.get(locale__language_code=language)
    seminar = SeminarPage.objects.get(locale__language_code=language)
    soup = soup_of(client.get(seminar.get_url()))
    assert soup.title.get_text(strip=True) == f"{seminar.title} – {name}"
    crumbs = {a.get_text(strip=True): a["href"] for a in soup.select(".breadcrumbs a")}
    assert crumbs[name] == project.get_url()
    data = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    event = next(item for item in data if item.get("@type") == "Event")
    assert event["about"]["name"] == name
    assert soup.find("meta", property="og:site_name")["content"] == name


@pytest.mark.django_db
def test_calendar_and_feed_carry_the_programmes_name(client, language):
    name = content.PROGRAMME_NAME[language]
    calendar = client.get(f"/{language}/calendar/seminars.ics").content.decode()
    assert re.search(rf"X-WR-CALNAME.*:.*{re.escape(name)}", calendar.replace("\r\n ", ""))
    feed = ET.fromstring(client.get(f"/{language}/feeds/seminars.atom").content)
    title = feed.findtext("{http://www.w3.org/2005/Atom}title")
    assert title == gettext_in(language, FEED_TITLE_MSGID)
    if language == "pl":
        assert title == "Seminaria Inicjatywy Bilateralnej 2024-2025"


@pytest.mark.django_db
def test_no_page_uses_the_old_names(client, language):
    for page in demo_pages(language):
        html = client.get(page.get_url()).content.decode()
        assert not OLD_POLISH_NAME.search(html), page.url_path
        for old in OLD_NAMES:
            assert old not in html, (page.url_path, old)


# --- Error pages -----------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(DEBUG=False)
@pytest.mark.parametrize("code", LANGUAGES)
def test_missing_page_is_the_sites_own_404_in_the_visitors_language(client, code):
    response = client.get(f"/{code}/nonexistent-page/")
    assert response.status_code == 404
    soup = soup_of(response)
    assert soup.html["lang"] == code
    text = soup.get_text(" ", strip=True)
    for msgid in NOT_FOUND_MSGIDS:
        expected = gettext_in(code, msgid)
        if code != "en":
            assert expected != msgid, f"{msgid!r} is not translated into {code}"
        assert expected in text
    assert soup.title.get_text(strip=True) == (
        f"{gettext_in(code, 'Page not found')} – {gettext_in(code, SITE_NAME_MSGID)}"
    )
    for marker in TECHNICAL_MARKERS:
        assert marker not in response.content.decode()


def dev_settings(*names, env=None):
    """Values of the development settings (manage.py's default) in a fresh interpreter."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    environment.update({"DJANGO_SETTINGS_MODULE": "cms.settings.dev", **(env or {})})
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps([getattr(settings, name, None) for name in {list(names)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_development_settings_have_debug_off_unless_asked():
    assert dev_settings("DEBUG", "SERVE_MEDIA", "WHITENOISE_USE_FINDERS") == [False, True, True]
    assert dev_settings("DEBUG", env={"DEBUG": "1"}) == [True]
    assert dev_settings("DEBUG", env={"DEBUG": "0"}) == [False]
    assert "127.0.0.1" in dev_settings("ALLOWED_HOSTS")[0]


# --- make run, for real ----------------------------------------------------------------------


def _png():
    """A 1×1 PNG."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixel = zlib.compress(b"\0\0\0\0")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixel) + chunk(b"IEND", b"")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own local server)
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class DevServer:
    """``manage.py runserver`` with the development settings, as ``make run`` starts it."""

    def __init__(self, database, media_root, debug=None):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
        env.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", DATABASE_URL=f"sqlite:///{database}")
        env.update(MEDIA_ROOT=str(media_root), WAGTAILADMIN_BASE_URL=self.base)
        if debug is not None:
            env["DEBUG"] = debug
        self.env = env

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(self.process.stdout.read().decode())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError("runserver did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.communicate(timeout=10)

    def get(self, path):
        return _get(self.base + path)


@pytest.fixture(scope="module")
def dev_database(tmp_path_factory):
    """A migrated SQLite database for the development server (no demo: Wagtail's welcome page)."""
    folder = tmp_path_factory.mktemp("make-run")
    database = folder / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG",)}
    env.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", DATABASE_URL=f"sqlite:///{database}")
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    media = folder / "media"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "pixel.png").write_bytes(_png())
    return database, media


def test_make_run_serves_own_404_static_and_media(dev_database):
    database, media = dev_database
    with DevServer(database, media) as server:
        for code in LANGUAGES:
            status, headers, body = server.get(f"/{code}/nonexistent-page/")
            html = body.decode()
            assert status == 404, (code, html[:500])
            soup = BeautifulSoup(html, "html.parser")
            assert soup.html["lang"] == code
            for msgid in NOT_FOUND_MSGIDS:
                assert gettext_in(code, msgid) in soup.get_text(" ", strip=True), (code, msgid)
            for marker in TECHNICAL_MARKERS:
                assert marker not in html, code
        # The 404 page's own stylesheet, and the other static files, with DEBUG off.
        stylesheet = soup.find("link", rel="stylesheet")["href"]
        status, headers, body = server.get(stylesheet)
        assert (status, headers["Content-Type"].split(";")[0]) == (200, "text/css")
        assert body == (settings.BASE_DIR / "static_src" / "css" / "site.css").read_bytes()
        assert server.get("/static/img/logo.svg")[0] == 200
        assert server.get("/static/wagtailadmin/css/core.css")[0] == 200
        status, headers, body = server.get("/media/original_images/pixel.png")
        assert (status, headers["Content-Type"], body) == (200, "image/png", _png())
        assert server.get("/media/original_images/missing.png")[0] == 404


def test_debug_1_make_run_shows_djangos_debug_pages(dev_database):
    database, media = dev_database
    with DevServer(database, media, debug="1") as server:
        status, _headers, body = server.get("/pl/nonexistent-page/")
        assert status == 404
        assert "DEBUG = True" in body.decode()
        assert server.get("/static/css/site.css")[0] == 200
        assert server.get("/media/original_images/pixel.png")[0] == 200
