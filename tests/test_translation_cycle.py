"""The whole translation cycle, driven through the admin as each role.

submit -> translate strings -> review and publish -> edit the Polish source ->
publish and sync -> out of date in the report -> translate the changed string ->
up to date again.
"""

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import LocaleSynchronization, StringTranslation

from events.models import SpeakerIndexPage, SpeakerPage
from translations.report import MISSING, OUT_OF_DATE, UP_TO_DATE

from .admin_forms import speaker_form
from .translation_helpers import (
    assert_denied,
    db_state,
    locale,
    make_user,
    report_row,
    translate_all,
    translation_for,
)


class TranslationCycleTests(TestCase):
    def setUp(self):
        self.editor = make_user("ewa", "pl")
        self.translator = make_user("nora", "nb")
        self.reviewer = make_user("ola", "nb")
        self.index = SpeakerIndexPage.objects.get(locale__language_code="pl")

    def create_polish_page(self):
        self.client.force_login(self.editor)
        url = reverse("wagtailadmin_pages:add", args=["events", "speakerpage", self.index.pk])
        response = self.client.post(url, speaker_form(**{"action-publish": "publish"}))
        self.assertEqual(response.status_code, 302)
        return SpeakerPage.objects.get(slug="jan-kowalski", locale__language_code="pl")

    def test_the_whole_cycle(self):
        page = self.create_polish_page()
        # New Polish pages reach the other trees only when submitted: no locale synchronisation.
        self.assertFalse(LocaleSynchronization.objects.exists())
        self.assertFalse(
            SpeakerPage.objects.filter(translation_key=page.translation_key, locale__language_code="nb")
        )
        self.assertEqual(report_row("Jan Kowalski", "nb").state, MISSING)

        # 1. The Polish editor submits it for translation into Norwegian.
        response = self.client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale("nb").pk]},
        )
        self.assertEqual(response.status_code, 302)
        nb_page = SpeakerPage.objects.get(translation_key=page.translation_key, locale__language_code="nb")
        self.assertFalse(nb_page.live, "an untranslated translation never goes live by itself")
        row = report_row("Jan Kowalski", "nb")
        self.assertEqual((row.state, row.translated), (MISSING, 0))  # sent, not started
        self.assertEqual(row.action_url, reverse("wagtailadmin_pages:edit", args=[nb_page.pk]))

        # 2. The Norwegian translator opens the translation editor and translates every string.
        self.client.force_login(self.translator)
        self.assertEqual(
            self.client.get(reverse("wagtailadmin_pages:edit", args=[nb_page.pk])).status_code, 200
        )
        translation = translation_for(page, "nb")
        self.assertGreater(translate_all(self.client, translation), 2)
        row = report_row("Jan Kowalski", "nb")
        self.assertEqual((row.state, row.translated, row.total), (UP_TO_DATE, row.total, row.total))

        # 3. The translator cannot publish directly, but saves a draft and submits it for review.
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[nb_page.pk]), {"action": "publish"}, follow=True
        )
        self.assertContains(response, "submit the page for review")
        nb_page.refresh_from_db()
        self.assertFalse(nb_page.live)
        review_url = reverse("translations:submit_for_review", args=[translation.pk])
        self.assertContains(self.client.get(review_url), "Submit to")
        response = self.client.post(review_url, {"submit": "1"})
        nb_page.refresh_from_db()
        self.assertFalse(nb_page.live)
        state = nb_page.current_workflow_state
        self.assertIsNotNone(state)
        task_state = state.current_task_state
        approve = reverse("wagtailadmin_pages:workflow_action", args=[nb_page.pk, "approve", task_state.pk])
        # ... and cannot approve their own work.
        before = db_state()
        assert_denied(self.client.post(approve, {"comment": ""}), before)
        nb_page.refresh_from_db()
        self.assertFalse(nb_page.live)

        # 4. A second Norwegian translator approves: the page goes live in Norwegian.
        self.client.force_login(self.reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(approve, {"comment": ""})
        self.assertIn(response.status_code, (200, 302))
        nb_page.refresh_from_db()
        self.assertTrue(nb_page.live)
        self.assertEqual(nb_page.title, "[nb] Jan Kowalski")
        self.assertEqual(report_row("Jan Kowalski", "nb").state, UP_TO_DATE)

        # 5. The Polish editor changes the job title and saves a draft: nothing changes for translators.
        self.client.force_login(self.editor)
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.client.post(edit, speaker_form(job_title="Prezydent miasta"))
        self.assertEqual(report_row("Jan Kowalski", "nb").state, UP_TO_DATE)
        # Publishing the Polish page makes the translation out of date until it is synced.
        page.get_latest_revision().publish()
        self.assertEqual(report_row("Jan Kowalski", "nb").state, OUT_OF_DATE)
        self.assertIn("/localize/update/", report_row("Jan Kowalski", "nb").action_url)

        # 6. "Publish and sync translations" in one action.
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                edit, speaker_form(job_title="Prezydent miasta", **{"translations-publish-and-sync": "1"})
            )
        self.assertEqual(response.status_code, 302)
        nb_page.refresh_from_db()
        # The unchanged strings kept their translations; the changed one waits; the live page is untouched.
        self.assertTrue(nb_page.live)
        self.assertEqual(nb_page.job_title, "[nb] Burmistrz")
        self.assertEqual(nb_page.title, "[nb] Jan Kowalski")
        self.assertTrue(nb_page.has_unpublished_changes)
        row = report_row("Jan Kowalski", "nb")
        self.assertEqual(row.state, OUT_OF_DATE)
        self.assertEqual(row.translated, row.total - 1)

        # 7. The translator translates the changed string: up to date again.
        self.client.force_login(self.translator)
        self.assertEqual(translate_all(self.client, translation), 1)
        self.assertEqual(report_row("Jan Kowalski", "nb").state, UP_TO_DATE)
        self.assertTrue(
            StringTranslation.objects.filter(
                locale__language_code="nb", data="[nb] Prezydent miasta", translation_type="manual"
            ).exists()
        )

    def test_report_page_shows_the_states_and_links(self):
        page = self.create_polish_page()
        self.client.force_login(self.editor)
        response = self.client.get(
            reverse("translations:status_report"), {"state": MISSING, "language": "is"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Jan Kowalski")
        self.assertContains(response, reverse("wagtail_localize:submit_page_translation", args=[page.pk]))
        response = self.client.get(
            reverse("translations:status_report"), {"state": UP_TO_DATE, "language": "is"}
        )
        self.assertNotContains(response, "Jan Kowalski")

    def test_publishing_an_incomplete_translation_is_refused(self):
        page = self.create_polish_page()
        self.client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale("en").pk]},
        )
        en_page = Page.objects.get(translation_key=page.translation_key, locale__language_code="en")
        admin = make_superuser()
        self.client.force_login(admin)
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[en_page.pk]), {"action": "publish"}, follow=True
        )
        self.assertContains(response, "Translate every string before publishing")
        en_page.refresh_from_db()
        self.assertFalse(en_page.live)


def make_superuser():
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_superuser("root", password="pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user
