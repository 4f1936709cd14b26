"""The demo loader: complete, idempotent, and made of real wagtail-localize translations."""

import pytest
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from events.models import Organisation, SeminarPage, SeminarTalk, SpeakerPage
from home.demo import content, loader

from .conftest import LANGUAGES
from .pages import demo_pages

pytestmark = pytest.mark.django_db

TARGETS = ["nb", "is", "en"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_the_whole_site(code):
    pages = demo_pages(code)
    kinds = [type(page).__name__ for page in pages]
    assert kinds.count("HomePage") == 1
    assert kinds.count("ProjectIndexPage") == 1
    assert kinds.count("ProjectPage") == 1
    assert kinds.count("SeminarPage") == 1
    assert kinds.count("SpeakerIndexPage") == 1
    assert kinds.count("SpeakerPage") == 6
    assert all(page.live and not page.has_unpublished_changes for page in pages)


def test_second_load_changes_and_duplicates_nothing():
    before = {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "latest_revision_id")),
        "organisations": Organisation.objects.count(),
        "translations": Translation.objects.count(),
        "strings": StringTranslation.objects.count(),
    }
    assert loader.load() is False
    after = {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "latest_revision_id")),
        "organisations": Organisation.objects.count(),
        "translations": Translation.objects.count(),
        "strings": StringTranslation.objects.count(),
    }
    assert after == before


@pytest.mark.parametrize("model", [SeminarPage, SpeakerPage, Organisation])
def test_translations_are_wagtail_localize_translations(model):
    for source_object in model.objects.filter(locale__language_code="pl"):
        source = TranslationSource.objects.get_for_instance(source_object)
        translations = Translation.objects.filter(source=source)
        assert sorted(t.target_locale.language_code for t in translations) == sorted(TARGETS)
        for translation in translations:
            assert translation.enabled
            translated, total = translation.get_progress()
            assert total > 0 and translated == total, (source_object, translation.target_locale)
            target = translation.get_target_instance()
            assert target.translation_key == source_object.translation_key


def test_translated_text_comes_from_string_translations():
    seminar_en = SeminarPage.objects.get(locale__language_code="en")
    assert seminar_en.title == content.SEMINAR["title"].en
    assert seminar_en.summary == content.SEMINAR["summary"].en
    # The translation is stored in wagtail-localize, so the admin can edit and sync it.
    assert StringTranslation.objects.filter(
        locale__language_code="en", data=content.SEMINAR["summary"].en
    ).exists()


def test_synchronised_and_translated_fields_follow_the_policy():
    pl = SeminarPage.objects.get(locale__language_code="pl")
    for code in TARGETS:
        other = SeminarPage.objects.get(locale__language_code=code)
        # Synchronised: dates, time zone, address, URLs.
        assert (other.start, other.end, other.time_zone) == (pl.start, pl.end, pl.time_zone)
        assert other.venue_address == pl.venue_address
        assert other.video_url == pl.video_url
        # Translated: the city and the image's alternative text.
        assert other.venue_city == content.SEMINAR["venue_city"][code]
        assert other.image_alt_text == content.SEMINAR["image_alt_text"][code]
        # Gallery alt texts live in ImageBlocks, which wagtail-localize translates.
        alts = [block.value.contextual_alt_text for block in other.gallery]
        assert alts == [alt[code] for _kind, alt in content.SEMINAR["gallery"]]


def test_talks_are_translated_children_with_synchronised_links():
    pl_talks = {t.translation_key: t for t in SeminarTalk.objects.filter(locale__language_code="pl")}
    nb_talks = SeminarTalk.objects.filter(locale__language_code="nb")
    assert len(nb_talks) == len(pl_talks) == 6
    for talk in nb_talks:
        source = pl_talks[talk.translation_key]
        assert talk.title != source.title
        assert talk.start_time == source.start_time
        assert talk.presentation_id == source.presentation_id
        # The speaker link is synchronised (the Polish page) and localised when rendered.
        assert talk.speaker_id == source.speaker_id


def test_programme_resolves_speakers_in_the_pages_language():
    for code in LANGUAGES:
        seminar = SeminarPage.objects.get(locale__language_code=code)
        speakers = [talk.speaker_page for talk in seminar.programme]
        assert len(speakers) == 6
        assert {s.locale.language_code for s in speakers} == {code}


def test_speaker_organisation_points_to_its_translation():
    for code in TARGETS:
        speaker = SpeakerPage.objects.get(locale__language_code=code, slug="anne-oien")
        assert speaker.organisation.locale.language_code == code
        assert speaker.organisation.name == content.ORGANISATIONS["uit"]["name"][code]
        # Names of people are synchronised, not translated.
        assert speaker.family_name == "Øien"


def test_every_demo_text_has_all_four_languages():
    table = loader.translation_table()
    assert len(table) > 50
    for text in table.values():
        assert all(text[code].strip() for code in LANGUAGES), text
