"""The translation editor as a translator meets it: Save draft and Submit for review, the review state."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from events.models import SpeakerPage

from .translation_helpers import make_user, translation_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def nb_page():
    return SpeakerPage.objects.filter(locale__language_code="nb").order_by("path").first()


def editor(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def login(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_translator_saves_a_draft_or_submits_for_review_from_the_editor(nb_page):
    soup = editor(login(make_user("nora", "nb")), nb_page)
    footer = soup.select_one("footer.translations-review-footer form")
    source = nb_page.get_translation(nb_page.locale.get_default())
    translation = translation_for(source, "nb")
    assert footer["action"] == reverse("translations:submit_for_review", args=[translation.pk])
    buttons = {b["name"]: b.get_text(strip=True) for b in footer.select("button")}
    assert buttons == {"submit": "Submit for review", "draft": "Save draft"}
    assert not soup.select_one("[data-translations-review] .help-block")  # not in review


def test_the_footer_submits_and_the_editor_then_shows_the_review(nb_page):
    nora = make_user("nora", "nb")
    client = login(nora)
    soup = editor(client, nb_page)
    form = soup.select_one("footer.translations-review-footer form")
    response = client.post(
        form["action"],
        {"submit": "", "next": form.select_one("[name=next]")["value"], "csrfmiddlewaretoken": "x"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[nb_page.pk])
    nb_page.refresh_from_db()
    assert nb_page.workflow_in_progress

    soup = editor(client, nb_page)
    state = soup.select_one("[data-translations-review] .help-block").get_text(" ", strip=True)
    assert state.startswith("In review: submitted by nora")
    # Locked during the review: nothing to save or submit, only the preview.
    assert not soup.select("footer.translations-review-footer button")
    assert soup.select_one("footer.translations-review-footer a").get_text(strip=True) == "Preview"


def test_changes_requested_show_the_reviewers_comment(nb_page):
    client = login(make_user("nora", "nb"))
    translation = translation_for(nb_page.get_translation(nb_page.locale.get_default()), "nb")
    client.post(reverse("translations:submit_for_review", args=[translation.pk]), {"submit": ""})
    nb_page.refresh_from_db()
    task_state = nb_page.current_workflow_state.current_task_state
    reviewer = login(make_user("ola", "nb"))
    url = reverse("wagtailadmin_pages:workflow_action", args=[nb_page.pk, "reject", task_state.pk])
    reviewer.post(url, {"comment": "Stillingen er feil oversatt."})

    soup = editor(client, nb_page)
    state = soup.select_one("[data-translations-review] .help-block").get_text(" ", strip=True)
    assert "Changes requested by ola" in state
    assert "Stillingen er feil oversatt." in state
    assert {b["name"] for b in soup.select("footer.translations-review-footer button")} == {"submit", "draft"}


def test_superusers_and_source_editors_keep_wagtail_localizes_footer(nb_page):
    admin = get_user_model().objects.create_superuser("root-editor", password="pw")
    soup = editor(login(admin), nb_page)
    assert not soup.select("footer.translations-review-footer")
    assert soup.select_one(".js-translation-editor")  # wagtail-localize's editor, with its own footer


def test_a_translator_submits_an_organisation_from_its_editor():
    from events.models import Organisation

    organisation = Organisation.objects.filter(locale__language_code="nb").first()
    client = login(make_user("nora", "nb"))
    response = client.get(reverse("wagtailsnippets_events_organisation:edit", args=[organisation.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("footer.translations-review-footer form")
    assert {b["name"] for b in form.select("button")} == {"submit", "draft"}
    assert not form.select("a")  # organisations have no preview
    response = client.post(form["action"], {"submit": "", "next": form.select_one("[name=next]")["value"]})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.workflow_in_progress


def test_polish_organisations_are_published_by_their_editors_without_the_translators_review():
    from events.models import Organisation

    assert Organisation.objects.filter(locale__language_code="pl").first().get_workflow() is None
    assert Organisation.objects.filter(locale__language_code="nb").first().get_workflow() is not None


def test_the_editors_english_labels_get_their_translations(nb_page):
    """wagtail-localize's React bundle writes some labels in English; the page carries their translations."""
    import json

    nora = make_user("nora", "nb")
    profile = nora.wagtail_userprofile
    profile.preferred_language = "nb"
    profile.save()
    script = editor(login(nora), nb_page).select_one("script[data-english-heading]")
    assert script["data-english-heading"] == "Polski to Norsk bokmål translation"
    assert script["data-heading"] == "Oversettelse fra Polski til Norsk bokmål"
    assert script["data-more-actions"] == "Flere handlinger"
    assert json.loads(script["data-date-samples"])[10] == "15. november 2001"
