"""The dashboard's "Waiting for you" panel: what a translator has to translate and to review."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale

from events.models import SpeakerIndexPage, SpeakerPage

from .translation_helpers import make_user, translate_all, translation_for

pytestmark = pytest.mark.django_db


def panel(user):
    client = Client()
    client.force_login(user)
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    return soup.select_one("[data-translations-waiting]")


@pytest.fixture
def sent_for_translation():
    """A new Polish speaker, sent to Norwegian and Icelandic by a Polish editor."""
    index = SpeakerIndexPage.objects.get(locale__language_code="pl")
    page = index.add_child(instance=SpeakerPage(title="Anna Nowak", slug="anna-nowak", family_name="Nowak"))
    page.save_revision().publish()
    client = Client()
    client.force_login(make_user("ewa", "pl"))
    locales = Locale.objects.filter(language_code__in=["nb", "is"])
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [loc.pk for loc in locales]},
    )
    return page


def test_a_translator_finds_the_new_page_on_her_dashboard(sent_for_translation):
    nb_page = SpeakerPage.objects.get(
        translation_key=sent_for_translation.translation_key, locale__language_code="nb"
    )
    found = panel(make_user("nora", "nb"))
    links = {a.get_text(strip=True): a["href"] for a in found.select("a")}
    assert links == {"Anna Nowak": reverse("wagtailadmin_pages:edit", args=[nb_page.pk])}
    assert "Missing" in found.get_text()


def test_each_team_sees_its_own_language_only(sent_for_translation):
    is_page = SpeakerPage.objects.get(
        translation_key=sent_for_translation.translation_key, locale__language_code="is"
    )
    found = panel(make_user("inga", "is"))
    assert [a["href"] for a in found.select("a")] == [reverse("wagtailadmin_pages:edit", args=[is_page.pk])]
    assert "Íslenska" in found.get_text() and "Norsk" not in found.get_text()


def test_a_submitted_translation_waits_for_the_second_translator(sent_for_translation):
    nora = make_user("nora", "nb")
    client = Client()
    client.force_login(nora)
    translation = translation_for(sent_for_translation, "nb")
    translate_all(client, translation)
    client.post(reverse("translations:submit_for_review", args=[translation.pk]), {"submit": ""})

    assert "awaits your review" in panel(make_user("ola", "nb")).get_text()
    assert "awaits your review" not in panel(nora).get_text()  # never her own
    assert "awaits your review" not in panel(make_user("inga", "is")).get_text()


def test_nothing_waiting_says_so_and_editors_have_no_panel():
    assert "Nothing to translate or review" in panel(make_user("nora", "nb")).get_text()
    assert panel(make_user("ewa", "pl")) is None
    assert panel(get_user_model().objects.create_superuser("root-dash", password="pw")) is None


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_the_reviewer_is_told_what_her_decision_did(sent_for_translation, action):
    nora = make_user("nora", "nb")
    client = Client()
    client.force_login(nora)
    translation = translation_for(sent_for_translation, "nb")
    translate_all(client, translation)
    client.post(reverse("translations:submit_for_review", args=[translation.pk]), {"submit": ""})
    nb_page = SpeakerPage.objects.get(
        translation_key=sent_for_translation.translation_key, locale__language_code="nb"
    )
    task_state = nb_page.current_workflow_state.current_task_state

    ola = make_user("ola", "nb")
    profile = ola.wagtail_userprofile
    profile.preferred_language = "nb"
    profile.save()
    reviewer = Client()
    reviewer.force_login(ola)
    url = reverse("wagtailadmin_pages:workflow_action", args=[nb_page.pk, action, task_state.pk])
    response = reviewer.post(url, {"comment": "Se over tittelen."}, follow=True)
    said = [str(m) for m in response.context["messages"]]
    expected = "Du godkjente" if action == "approve" else "Du ba om endringer"
    assert len(said) == 1 and said[0].startswith(expected), said
    nb_page.refresh_from_db()
    assert nb_page.live is (action == "approve")
