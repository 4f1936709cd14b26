"""The full-page cache (home/cache.py): hits without SQL, what is never cached, and that it is never stale.

Every invalidation path is exercised the way it happens in the admin or through
wagtail-localize, on the demo pages in every language: the page is requested once (stored),
the content is changed, and the next request must show the change. Without the signal
handler of that path (home/signals.py) the second request is a hit on the old page and the
test fails.
"""

import datetime
import gzip
import io
import json

import pytest
import responses
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from events.models import (
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    SeminarPage,
    SpeakerIndexPage,
    SpeakerPage,
)
from home import cache as page_cache
from home.models import HomePage

from .pages import demo_pages
from .test_event_support import make_seminar
from .translation_helpers import locale, translation_for

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


def text(response):
    """The body as text, with iCalendar's folded lines joined again."""
    return response.content.decode().replace("\r\n ", "")


def html(client, url):
    return text(get(client, url))


def stored(client, url):
    """Request ``url`` so it is in the cache, and check that it is (a second request is a hit)."""
    first = get(client, url)
    assert first["X-Page-Cache"] == "miss", url
    assert get(client, url)["X-Page-Cache"] == "hit", url
    return text(first)


def one(model, language, **filters):
    return model.objects.get(locale__language_code=language, **filters)


def seminar(language):
    return SeminarPage.objects.filter(locale__language_code=language).order_by("path").first()


def feed_urls(language):
    return [f"/{language}/feeds/seminars.atom", f"/{language}/calendar/seminars.ics"]


# --- Hits ------------------------------------------------------------------------------------


def test_every_public_page_feed_and_calendar_is_served_from_the_cache_without_sql(client, language):
    urls = [page.get_url() for page in demo_pages(language)] + feed_urls(language)
    urls.append(seminar(language).calendar_url())
    for url in urls:
        first = get(client, url)
        assert first["X-Page-Cache"] == "miss", url
        with CaptureQueriesContext(connection) as queries:
            again = get(client, url)
        assert again["X-Page-Cache"] == "hit", url
        assert len(queries) == 0, (url, [q["sql"] for q in queries])
        assert again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]
        assert again["Content-Language"] == language


def test_the_sitemap_and_robots_txt_are_cached(client):
    for url in ["/sitemap.xml", "/robots.txt"]:
        stored(client, url)
        with CaptureQueriesContext(connection) as queries:
            get(client, url)
        assert len(queries) == 0


def test_the_key_is_the_host_path_and_query(client):
    listing = one(SpeakerIndexPage, "pl").get_url()
    stored(client, listing)
    assert get(client, listing, HTTP_HOST="localhost")["X-Page-Cache"] == "miss"
    filtered = get(client, listing + "?country=NO")
    assert filtered["X-Page-Cache"] == "miss"
    assert filtered.content != get(client, listing).content
    # The same parameters in another order are the same page.
    get(client, listing + "?country=NO&page=1")
    assert get(client, listing + "?page=1&country=NO")["X-Page-Cache"] == "hit"


def test_a_query_parameter_no_page_reads_is_served_uncached(client):
    url = one(HomePage, "en").get_url()
    for _ in range(2):
        assert get(client, url + "?utm_source=newsletter").get("X-Page-Cache") is None


# --- Never cached ---------------------------------------------------------------------------


def test_logged_in_users_are_never_served_from_or_stored_in_the_cache(client, admin_client):
    url = one(HomePage, "pl").get_url()
    for _ in range(2):
        response = get(admin_client, url)
        assert response.get("X-Page-Cache") is None
    # What the editor saw was not stored for visitors either.
    assert get(client, url)["X-Page-Cache"] == "miss"


def test_a_csrf_cookie_bypasses_the_cache(client):
    url = one(HomePage, "nb").get_url()
    stored(client, url)
    client.cookies[settings.CSRF_COOKIE_NAME] = "x" * 32
    assert get(client, url).get("X-Page-Cache") is None


def test_previews_are_never_cached_and_never_reach_visitors(client, admin_client):
    page = SpeakerPage.objects.filter(locale__language_code="pl").first()
    url = page.get_url()
    stored(client, url)
    page.title = "Podgląd roboczy"
    page.save_revision()  # a draft: visitors keep the published page
    preview = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert preview.status_code == 200
    assert preview.get("X-Page-Cache") is None
    assert "Podgląd roboczy" not in html(client, url)
    assert get(client, url)["X-Page-Cache"] == "hit"  # a draft does not empty the cache


def test_a_response_that_sets_a_cookie_is_not_cached(client):
    """A password-protected page shows a form with a CSRF token, which sets the CSRF cookie."""
    page = one(ProjectPage, "en")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
    for _ in range(2):
        response = get(client, page.get_url())
        assert response.cookies
        assert response["X-Page-Cache"] == "skip"
        client.cookies.clear()


def test_search_results_are_not_cached(client):
    for _ in range(2):
        assert get(client, "/pl/search/?q=miasto").get("X-Page-Cache") is None


# --- Never stale: pages --------------------------------------------------------------------


def test_publishing_a_speaker_refreshes_their_page_the_seminar_and_the_listing(client, language):
    person = SpeakerPage.objects.filter(locale__language_code=language).order_by("path").first()
    talk_seminar = seminar(language)
    urls = [person.get_url(), talk_seminar.get_url(), one(SpeakerIndexPage, language).get_url()]
    for url in urls:
        assert person.title in stored(client, url)
    person.title = f"{person.title} Nowe-Nazwisko"
    person.save_revision().publish()
    for url in urls:
        assert "Nowe-Nazwisko" in html(client, url), url


def test_publishing_a_seminar_refreshes_its_speakers_pages_home_feeds_and_calendars(client, language):
    talk_seminar = seminar(language)
    person = talk_seminar.speakers()[0]
    urls = [
        person.get_url(),
        talk_seminar.get_url(),
        one(HomePage, language).get_url(),
        one(ProjectPage, language).get_url(),
        talk_seminar.calendar_url(),
        *feed_urls(language),
    ]
    for url in urls:
        stored(client, url)
    talk_seminar.title = "Seminarium po zmianie"
    talk_seminar.save_revision().publish()
    for url in urls:
        assert "Seminarium po zmianie" in html(client, url), url


def test_unpublishing_a_seminar_removes_it_from_listings_feeds_and_the_sitemap(client, language):
    talk_seminar = seminar(language)
    slug_path = talk_seminar.get_url()
    urls = [
        one(ProjectPage, language).get_url(),
        one(ProjectIndexPage, language).get_url(),
        *feed_urls(language),
    ]
    for url in urls:
        assert talk_seminar.title in stored(client, url)
    assert slug_path in stored(client, "/sitemap.xml")
    stored(client, slug_path)
    talk_seminar.unpublish()
    for url in urls:
        assert talk_seminar.title not in html(client, url), url
    assert slug_path not in html(client, "/sitemap.xml")
    assert client.get(slug_path).status_code == 404


def test_moving_a_seminar_to_another_project_refreshes_both(client):
    talk_seminar = seminar("pl")
    old_project = one(ProjectPage, "pl")
    new_project = ProjectPage(
        title="Drugi projekt",
        slug="drugi-projekt",
        summary="Inny projekt.",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    old_project.get_parent().add_child(instance=new_project)
    new_project.save_revision().publish()
    assert talk_seminar.title in stored(client, old_project.get_url())
    assert talk_seminar.title not in stored(client, new_project.get_url())
    old_url = talk_seminar.get_url()
    talk_seminar.move(new_project, pos="last-child")
    assert talk_seminar.title not in html(client, old_project.get_url())
    assert talk_seminar.title in html(client, new_project.get_url())
    # Wagtail keeps the old address as a redirect to the new one.
    assert client.get(old_url)["Location"] == Page.objects.get(pk=talk_seminar.pk).get_url()


def test_deleting_a_speaker_removes_them_from_the_listing_and_the_seminar(client, language):
    person = seminar(language).speakers()[-1]
    listing = one(SpeakerIndexPage, language).get_url()
    assert person.get_url() in stored(client, listing)
    Page.objects.get(pk=person.pk).delete()
    assert person.get_url() not in html(client, listing)


def test_reverting_to_an_earlier_revision_shows_it_again(client, language):
    page = one(ProjectPage, language)
    original = page.title
    old_revision = page.live_revision
    page.title = "Tytuł chwilowy"
    page.save_revision().publish()
    assert "Tytuł chwilowy" in stored(client, page.get_url())
    old_revision.publish()  # what the admin's "Revert to this revision" publishes
    response = html(client, page.get_url())
    assert "Tytuł chwilowy" not in response
    assert original in response


# --- Never stale: snippets, images, documents ------------------------------------------------


def test_publishing_an_organisation_refreshes_its_speakers_and_projects(client, language):
    person = (
        SpeakerPage.objects.live()
        .filter(locale__language_code=language, organisation__live=True)
        .select_related("organisation")
        .first()
    )
    organisation = person.organisation
    urls = [person.get_url(), one(SpeakerIndexPage, language).get_url()]
    for url in urls:
        assert organisation.name in stored(client, url)
    organisation.name = "Nowa Nazwa Organizacji"
    organisation.save_revision().publish()
    for url in urls:
        assert "Nowa Nazwa Organizacji" in html(client, url), url


def test_saving_an_organisation_draft_changes_nothing_and_keeps_the_cache(client):
    organisation = Organisation.objects.filter(locale__language_code="pl", live=True).first()
    url = one(ProjectPage, "pl").get_url()
    stored(client, url)
    organisation.name = "Szkic"
    organisation.save_revision()
    response = get(client, url)
    assert response["X-Page-Cache"] == "hit"
    assert "Szkic" not in response.content.decode()


def _png(colour):
    out = io.BytesIO()
    PILImage.new("RGB", (400, 400), colour).save(out, "PNG")
    return ContentFile(out.getvalue(), name="replaced-portrait.png")


@pytest.fixture
def no_cached_renditions():
    """Wagtail keeps renditions in the renditions cache, which a rolled-back test does not empty."""
    from django.core.cache import caches

    caches["renditions"].clear()
    yield
    caches["renditions"].clear()


def test_replacing_an_image_refreshes_the_pages_that_show_it(client, language, no_cached_renditions):
    person = SpeakerPage.objects.filter(locale__language_code=language, photo__isnull=False).first()
    urls = [person.get_url(), one(SpeakerIndexPage, language).get_url()]
    for url in urls:
        assert "replaced-portrait" not in stored(client, url)
    image = person.photo
    image.file = _png("navy")
    image.save()
    image.renditions.all().delete()
    for url in urls:
        assert "replaced-portrait" in html(client, url), url


def test_deleting_an_image_removes_it_from_the_pages(client, language, no_cached_renditions):
    person = SpeakerPage.objects.filter(locale__language_code=language, photo__isnull=False).first()
    assert 'class="speaker__photo"' in stored(client, person.get_url())
    person.photo.delete()
    assert 'class="speaker__photo"' not in html(client, person.get_url())


def test_changing_a_document_refreshes_the_seminar_page(client, language):
    talk = next(t for t in seminar(language).programme if t.presentation)
    url = seminar(language).get_url()
    assert talk.presentation.url in stored(client, url)
    document = talk.presentation
    document.file = ContentFile(b"new slides", name="new-slides.pdf")
    document.save()
    response = html(client, url)
    assert document.url in response
    assert "new-slides" in response


# --- Never stale: translations ---------------------------------------------------------------


def test_syncing_and_publishing_a_translation_refreshes_the_translated_page(client, language):
    if language == "pl":
        pytest.skip("Polish is the source")
    source_page = one(SeminarPage, "pl", pk=seminar("pl").pk)
    target = source_page.get_translation(locale(language))
    assert "Aleja Nowa 5" not in stored(client, target.get_url())
    # A synchronised field changes in the source, which is published and synced.
    source_page.venue_address = "Aleja Nowa 5, 00-001 Warszawa"
    source_page.save_revision().publish()
    TranslationSource.objects.get_for_instance(source_page).update_from_db()
    translation = translation_for(source_page, language)
    # Every string the sync left untranslated gets a translation, as a translator's would be.
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locale(language),
            context=segment.context,
            defaults={"data": segment.string.data, "translation_type": "manual"},
        )
    translation.save_target(publish=True)
    assert "Aleja Nowa 5" in html(client, target.get_url())


# --- Never stale: time -------------------------------------------------------------------------


def test_a_seminar_ending_moves_it_from_upcoming_to_past_without_a_publication(client, monkeypatch, language):
    now = timezone.now().replace(microsecond=0)
    utc = lambda moment: moment.astimezone(datetime.UTC).replace(tzinfo=None)  # noqa: E731
    soon = make_seminar(
        "wkrotce",
        utc(now + datetime.timedelta(hours=1)),
        utc(now + datetime.timedelta(hours=2)),
        time_zone="UTC",
        online_only=True,
        translate_to=[c for c in LANGUAGES if c != "pl"],
    )
    target = soon.get_translation(locale(language))
    home = one(HomePage, language).get_url()
    urls = [home, target.get_url()]
    before = {url: stored(client, url) for url in urls}
    # Upcoming: the link to join online is on the seminar's page.
    join = '<a href="https://meet.example.org/seminar" rel="noopener">'
    assert join in before[target.get_url()]

    later = now + datetime.timedelta(hours=3)
    monkeypatch.setattr(page_cache.time, "time", lambda: later.timestamp())
    monkeypatch.setattr(timezone, "now", lambda: later)
    for url in urls:
        response = get(client, url)
        assert response["X-Page-Cache"] == "miss", url
        assert text(response) != before[url], url
    assert join not in html(client, target.get_url())


def test_max_age_never_reaches_past_the_next_seminar_end(client):
    now = timezone.now()
    make_seminar(
        "za-chwile",
        (now + datetime.timedelta(minutes=1)).astimezone(datetime.UTC).replace(tzinfo=None),
        (now + datetime.timedelta(minutes=1, seconds=30)).astimezone(datetime.UTC).replace(tzinfo=None),
        time_zone="UTC",
        translate_to=(),
    )
    response = get(client, one(HomePage, "pl").get_url())
    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert max_age <= 90
    assert s_maxage <= 90


# --- Shared by every app server ------------------------------------------------------------------


def test_the_generation_lives_in_the_shared_cache(client):
    """Another app server sees a publication because the generation is in the cache, not in memory."""
    from django.core.cache import caches

    shared = caches[settings.PAGE_CACHE_ALIAS]
    url = one(HomePage, "pl").get_url()
    stored(client, url)
    before = shared.get(page_cache.GENERATION_KEY)
    # What a publication on another server does to the shared cache:
    shared.incr(page_cache.GENERATION_KEY)
    assert shared.get(page_cache.GENERATION_KEY) == before + 1
    assert get(client, url)["X-Page-Cache"] == "miss"


# --- A CDN in front --------------------------------------------------------------------------------


CLOUDFLARE = {
    "cdn": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": "test-token",
        "ZONEID": "zone0",
    }
}
PURGE_API = "https://api.cloudflare.com/client/v4/zones/zone0/purge_cache"


@responses.activate
def test_a_publication_purges_every_address_in_every_language_from_the_cdn(
    django_capture_on_commit_callbacks,
):
    responses.add(responses.POST, PURGE_API, json={"success": True, "errors": []})
    person = SpeakerPage.objects.filter(locale__language_code="pl").first()
    with override_settings(WAGTAILFRONTENDCACHE=CLOUDFLARE), django_capture_on_commit_callbacks(execute=True):
        person.title = "Ktoś Inny"
        person.save_revision().publish()
    purged = []
    for call in responses.calls:
        assert call.request.headers["Authorization"] == "Bearer test-token"
        purged += json.loads(call.request.body)["files"]
    assert len(purged) == len(set(purged))
    for language in LANGUAGES:
        # Each language's pages at their own addresses: the seminar and the speakers that show the speaker.
        for page in demo_pages(language):
            assert page.get_full_url() in purged, page.get_full_url()
        for url in feed_urls(language) + [seminar(language).calendar_url()]:
            assert any(p.endswith(url) for p in purged), url
    assert any(p.endswith("/sitemap.xml") for p in purged)


@responses.activate
def test_no_purge_before_the_change_is_committed(django_capture_on_commit_callbacks):
    responses.add(responses.POST, PURGE_API, json={"success": True, "errors": []})
    person = SpeakerPage.objects.filter(locale__language_code="pl").first()
    with override_settings(WAGTAILFRONTENDCACHE=CLOUDFLARE):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            person.title = "Ktoś Inny"
            person.save_revision().publish()
        assert not responses.calls  # the transaction is still open
        assert len(callbacks) >= 1
        for callback in callbacks:
            callback()
    # One purge of the whole site per transaction, however many signals it sent.
    purged = [url for call in responses.calls for url in json.loads(call.request.body)["files"]]
    assert len(purged) == len(set(purged))


# --- HTTP caching and compression ----------------------------------------------------------------


def test_pages_carry_max_age_and_an_etag_and_answer_304_from_the_cache(client, language):
    url = one(SeminarPage, language, pk=seminar(language).pk).get_url()
    first = get(client, url)
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    assert first["Vary"] == "Accept-Encoding"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert len(queries) == 0
    # The same with compression: the hit's stored gzip body has its own (weak) ETag.
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert zipped["X-Page-Cache"] == "hit" and zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == first.content
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"]).status_code == 304


def test_html_feeds_and_calendars_are_compressed(client, language):
    for url in [one(HomePage, language).get_url(), *feed_urls(language)]:
        for _ in range(2):  # a miss, then a hit
            response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
            assert response["Content-Encoding"] == "gzip", url
            assert gzip.decompress(response.content)
