"""The demo loader: complete, idempotent, and made of real wagtail-localize translations."""

import io

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision
from wagtail_localize.models import (
    StringTranslation,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationSource,
)

from events.models import Organisation, ProjectPage, SeminarPage, SeminarTalk, SpeakerPage
from home.demo import content, loader
from home.models import HomePage

from . import demo_before
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
    assert kinds.count("AccessibilityStatementPage") == 1
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


# --- Updating a database loaded from an earlier version of the demo ---------------------------

TEXT_FIELDS = [
    "intro",
    "funding",
    "summary",
    "theme",
    "start_date",
    "end_date",
    "funding_programme",
    "contact",
    "job_title",
    "biography",
    "city",
    "photo_alt_text",
    "start",
    "end",
    "venue_city",
    "image_alt_text",
    "full_report_title",
]


def demo_state():
    """What visitors see of the demo, in every language, without database ids."""
    pages = []
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        row = [page.locale.language_code, page.url_path, type(page).__name__, page.title, page.slug]
        row += [page.live, page.has_unpublished_changes, page.get_url()]
        row += [(name, getattr(page, name)) for name in TEXT_FIELDS if hasattr(page, name)]
        for name in ("body", "report"):
            if hasattr(page, name):
                row.append([(b["type"], b["value"]) for b in getattr(page, name).raw_data])
        if isinstance(page, SeminarPage):
            row.append([b["value"]["alt_text"] for b in page.gallery.raw_data])
            row.append([(t.title, t.start_time, t.speaker.slug, t.role) for t in page.talks.all()])
        if isinstance(page, ProjectPage):
            row.append([partner.organisation.name for partner in page.partners.all()])
        if isinstance(page, SpeakerPage):
            row.append(page.organisation.name)
        pages.append(row)
    organisations = sorted(
        (o.locale.language_code, o.name, o.city, o.kind, o.website) for o in Organisation.objects.all()
    )
    return {"pages": pages, "organisations": organisations}


def assert_translations_complete_and_current():
    for translation in Translation.objects.select_related("source"):
        translated, total = translation.get_progress()
        assert translated == total, translation
        assert not loader._out_of_date(translation.source, translation.source.get_source_instance())
        target = translation.get_target_instance()
        if isinstance(target, Page):
            assert target.live and not target.has_unpublished_changes, target


def writes():
    return (
        Revision.objects.count(),
        TranslationSource.objects.order_by("pk").values_list("pk", "last_updated_at").last(),
        StringTranslation.objects.count(),
        Redirect.objects.count(),
    )


def wipe_demo():
    """An empty site: no demo pages, organisations or translation records."""
    for home in HomePage.objects.all():
        home.delete()
    Organisation.objects.all().delete()
    for model in (TranslationSource, StringTranslation, TranslationContext, TranslatableObject):
        model.objects.all().delete()


def test_a_database_of_the_earlier_demo_is_brought_to_the_current_content(
    monkeypatch, django_capture_on_commit_callbacks
):
    current = demo_state()
    wipe_demo()
    demo_before.use(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        assert loader.load() is True
    earlier = demo_state()
    project = ProjectPage.objects.get(locale__language_code="pl")
    assert (project.slug, project.title) == ("odporne-miasta", demo_before.PROJECT["title"].pl)
    assert earlier != current

    monkeypatch.undo()
    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        assert loader.load(stdout=output) is True
    assert "Demo content updated" in output.getvalue()
    assert demo_state() == current
    assert_translations_complete_and_current()
    # The same pages were renamed, not new ones made.
    assert ProjectPage.objects.get(locale__language_code="pl").pk == project.pk
    # The earlier addresses lead to the new ones.
    for code in LANGUAGES:
        old_path = f"/{code}/{content.PROJECT_INDEX['slug'][code]}/{demo_before.PROJECT['slug'][code]}"
        redirect = Redirect.objects.get(old_path=old_path)
        assert redirect.link == ProjectPage.objects.get(locale__language_code=code).get_url()

    before = writes()
    with django_capture_on_commit_callbacks(execute=True):
        assert loader.load() is False
    assert writes() == before


def test_pages_edited_in_the_admin_are_left_alone(
    monkeypatch, admin_user, django_capture_on_commit_callbacks
):
    seminar = SeminarPage.objects.get(locale__language_code="pl")
    seminar.theme = "Temat zmieniony przez redaktorkę"
    seminar.save_revision(user=admin_user).publish()
    changed_theme = content.T("Nowy temat", "Nytt tema", "Nýtt þema", "New theme")
    changed_intro = content.T("Nowy wstęp.", "Ny innledning.", "Nýr inngangur.", "New introduction.")
    monkeypatch.setattr(content, "SEMINAR", {**content.SEMINAR, "theme": changed_theme})
    monkeypatch.setattr(content, "HOME", {**content.HOME, "intro": changed_intro})
    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        assert loader.load(stdout=output) is True
    seminar.refresh_from_db()
    assert seminar.theme == "Temat zmieniony przez redaktorkę"
    assert "Left as edited in the admin" in output.getvalue()
    # What nobody edited follows the content, in every language.
    for code in LANGUAGES:
        assert HomePage.objects.get(locale__language_code=code).intro == changed_intro[code]
        assert SeminarPage.objects.get(locale__language_code=code).theme != changed_theme[code]
