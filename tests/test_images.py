"""Images: AVIF (where Pillow has it) and WebP with a JPEG/PNG fallback, srcset and sizes, width and
height, lazy below the fold, on the pages that show images, in every language."""

import pytest
from bs4 import BeautifulSoup
from PIL import features

from events.models import SeminarPage, SpeakerIndexPage, SpeakerPage

pytestmark = pytest.mark.django_db

MODERN = ["image/avif", "image/webp"] if features.check("avif") else ["image/webp"]


def pictures(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find_all("picture")


def check(picture, lazy):
    types = [source["type"] for source in picture.find_all("source")]
    assert types == MODERN, types
    img = picture.find("img")
    assert img["width"].isdigit() and img["height"].isdigit()
    for element in [img, *picture.find_all("source")]:
        assert element["sizes"]
        candidates = [c.strip().split() for c in element["srcset"].split(",")]
        assert len(candidates) >= 2 and all(w.endswith("w") for _u, w in candidates)
    assert img["src"].endswith((".jpg", ".png"))
    assert (img.get("loading") == "lazy") is lazy, img


def test_the_seminar_hero_is_eager_and_the_gallery_lazy(client, language):
    seminar = SeminarPage.objects.filter(locale__language_code=language).first()
    found = pictures(client, seminar.get_url())
    hero = [p for p in found if "hero__image" in p.img.get("class", [])]
    assert len(hero) == 1
    check(hero[0], lazy=False)
    assert hero[0].img["fetchpriority"] == "high"
    others = [p for p in found if p not in hero]
    assert others  # speaker cards and the gallery
    for picture in others:
        check(picture, lazy=True)


def test_speaker_photos(client, language):
    speaker = SpeakerPage.objects.filter(locale__language_code=language, photo__isnull=False).first()
    (photo,) = pictures(client, speaker.get_url())
    check(photo, lazy=False)
    cards = pictures(client, SpeakerIndexPage.objects.get(locale__language_code=language).get_url())
    assert len(cards) == 6
    for picture in cards:
        check(picture, lazy=True)


def rendition_writes(url, client):
    """Renditions written to the ``renditions`` cache while ``url`` renders, and its rendition queries."""
    from unittest import mock

    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    renditions = caches["renditions"]
    with (
        mock.patch.object(LocMemCache, "set", autospec=True, side_effect=LocMemCache.set) as spy,
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get(url).status_code == 200
    writes = [call for call in spy.call_args_list if call.args[0] is renditions]
    return len(writes), [q["sql"] for q in queries if "wagtailimages_rendition" in q["sql"]]


def test_renditions_come_from_the_cache_and_are_not_written_back(client, settings):
    """cms.cache.RenditionCacheMixin: a page's second render neither queries nor rewrites renditions."""
    from django.core.cache import caches

    settings.PAGE_CACHE_ENABLED = False
    url = SeminarPage.objects.filter(locale__language_code="nb").first().get_url()
    caches["renditions"].clear()
    first_writes, _queries = rendition_writes(url, client)
    assert first_writes > 10  # the hero, the speakers' photos, the gallery: cached on first use
    assert rendition_writes(url, client) == (0, [])


def test_wagtail_still_writes_back_renditions_it_read_from_a_plain_cache(client, settings):
    """Why the mixin exists: if this fails, Wagtail stopped rewriting cached renditions and it may go."""
    from django.core.cache import caches

    settings.PAGE_CACHE_ENABLED = False
    settings.CACHES = {
        **settings.CACHES,
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "plain"},
    }
    url = SeminarPage.objects.filter(locale__language_code="nb").first().get_url()
    caches["renditions"].clear()
    rendition_writes(url, client)
    writes, queries = rendition_writes(url, client)
    assert queries == [] and writes > 10
