"""A changed Polish string starts from the previous translation, with what changed, word by word."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from events.models import SpeakerPage
from translations.changes import word_diff
from translations.report import OUT_OF_DATE, UP_TO_DATE
from translations.services import sync_translations

from .translation_helpers import make_user, put_string, report_row, translation_for

pytestmark = pytest.mark.django_db


def test_word_diff_names_only_what_changed():
    assert word_diff("Burmistrz miasta Opola", "Prezydent miasta Opola") == "“Burmistrz” → “Prezydent”"
    assert word_diff("Radna", "Radna miasta") == "Radna +“miasta”"
    long_before = "jeden dwa trzy cztery pięć sześć siedem"
    assert word_diff(long_before, long_before.replace("sześć", "6")) == "… trzy cztery pięć “sześć” → “6”"


@pytest.fixture
def changed_job_title():
    """A Polish speaker whose translated job title changes, published and synced into Norwegian."""
    page = SpeakerPage.objects.filter(locale__language_code="pl", live=True).order_by("path").first()
    nb_page = page.get_translation(page.locale.__class__.objects.get(language_code="nb"))
    old_polish, old_norwegian = page.job_title, nb_page.job_title
    page.job_title = f"{old_polish} i radny"
    page.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(page)
    sync_translations(source, make_user("ewa", "pl"))
    segment = StringSegment.objects.get(source=source, context__path="job_title")
    return page, nb_page, segment, old_polish, old_norwegian


def test_the_previous_translation_is_filled_in_and_marked(changed_job_title):
    page, nb_page, segment, old_polish, old_norwegian = changed_job_title
    carried = StringTranslation.objects.get(translation_of=segment.string, locale__language_code="nb")
    assert carried.data == old_norwegian
    assert carried.has_error  # not counted as translated: nothing is published with it
    # The note is in the translator's language and names the change.
    assert carried.get_error().startswith("Den polske teksten er endret:")
    assert "+“i radny”" in carried.get_error() or "“i radny”" in carried.get_error()
    assert report_row(page.title, "nb", "events.speakerpage").state == OUT_OF_DATE
    nb_page.refresh_from_db()
    assert nb_page.job_title == old_norwegian  # the live page keeps its reviewed text


def test_the_editor_shows_it_and_one_edit_clears_it(changed_job_title):
    page, nb_page, segment, _old_polish, old_norwegian = changed_job_title
    client = Client()
    client.force_login(make_user("nora", "nb"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[nb_page.pk]))
    props = json.loads(
        BeautifulSoup(response.content, "html.parser").select_one(".js-translation-editor")["data-props"]
    )
    shown = next(t for t in props["initialStringTranslations"] if t["segment_id"] == segment.pk)
    assert shown["data"] == old_norwegian
    assert "Den polske teksten er endret" in shown["error"]

    translation = translation_for(page, "nb")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    assert put_string(client, url, f"{old_norwegian} og rådsmedlem").status_code == 200
    fixed = StringTranslation.objects.get(translation_of=segment.string, locale__language_code="nb")
    assert not fixed.has_error and fixed.data == f"{old_norwegian} og rådsmedlem"
    assert report_row(page.title, "nb", "events.speakerpage").state == UP_TO_DATE


def test_a_new_string_without_history_stays_blank():
    page = SpeakerPage.objects.filter(locale__language_code="pl", live=True).order_by("path").first()
    page.title = page.title  # unchanged title; a brand-new field value has no previous translation
    page.city = page.city
    page.save_revision().publish()
    source = TranslationSource.objects.get_for_instance(page)
    before = StringTranslation.objects.filter(has_error=True).count()
    sync_translations(source, make_user("ewa", "pl"))
    assert StringTranslation.objects.filter(has_error=True).count() == before
