"""Reviewers read their workflow's and task's names, in screens and e-mails, in their own language."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import Workflow

from events.models import SpeakerPage
from translations.models import TranslationReviewTask
from translations.review import sync_review_workflows, workflow_name

from .translation_helpers import make_user, translation_for

pytestmark = pytest.mark.django_db


def test_the_norwegian_reviewers_email_is_norwegian_through_and_through():
    nora, ola = make_user("nora", "nb"), make_user("ola", "nb")
    ola.email = "ola@example.org"
    ola.save()
    profile = ola.wagtail_userprofile
    profile.preferred_language = "nb"
    profile.save()
    page = SpeakerPage.objects.filter(locale__language_code="pl").first()
    client = Client()
    client.force_login(nora)
    client.post(
        reverse("translations:submit_for_review", args=[translation_for(page, "nb").pk]), {"submit": ""}
    )
    (message,) = [m for m in mail.outbox if m.to == ["ola@example.org"]]
    text = message.subject + message.body
    assert "Andre leser: norske oversettere" in text
    assert "Second reader" not in text and "Norwegian" not in text
    assert message.body.startswith("Hei ola")


def test_an_earlier_english_name_is_renamed_not_duplicated():
    workflow = Workflow.objects.get(name=workflow_name("is"))
    workflow.name = "Translation review: Icelandic translators"
    workflow.save()
    task = TranslationReviewTask.objects.get(name="Annar lesandi: íslenskir þýðendur")
    task.name = "Second reader: Icelandic translators"
    task.save()
    sync_review_workflows()
    workflow.refresh_from_db()
    task.refresh_from_db()
    assert (workflow.name, task.name) == ("Yfirlestur þýðinga: íslenska", "Annar lesandi: íslenskir þýðendur")
    assert Workflow.objects.filter(name__startswith="Yfirlestur").count() == 1
