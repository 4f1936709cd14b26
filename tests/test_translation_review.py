"""Review before publishing: changes requested, fixed and resubmitted; a second approval publishes."""

from django.test import TestCase
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail_localize.models import StringSegment

from events.models import SpeakerIndexPage, SpeakerPage

from .translation_helpers import (
    assert_denied,
    db_state,
    locale,
    make_user,
    put_string,
    translate_all,
    translation_for,
)


class RequestChangesTests(TestCase):
    def setUp(self):
        self.editor = make_user("ewa", "pl")
        self.translator = make_user("nora", "nb")
        self.reviewer = make_user("ola", "nb")
        index = SpeakerIndexPage.objects.get(locale__language_code="pl")
        self.page = index.add_child(
            instance=SpeakerPage(
                title="Anna Nowak", slug="anna-nowak", family_name="Nowak", job_title="Radna", live=False
            )
        )
        self.page.save_revision(user=self.editor).publish()
        self.client.force_login(self.editor)
        self.client.post(
            reverse("wagtail_localize:submit_page_translation", args=[self.page.pk]),
            {"locales": [locale("nb").pk]},
        )
        self.nb_page = SpeakerPage.objects.get(
            translation_key=self.page.translation_key, locale__language_code="nb"
        )
        self.translation = translation_for(self.page, "nb")

    def task_action_url(self, action):
        task_state = self.nb_page.current_workflow_state.current_task_state
        return reverse("wagtailadmin_pages:workflow_action", args=[self.nb_page.pk, action, task_state.pk])

    def submit(self):
        response = self.client.post(
            reverse("translations:submit_for_review", args=[self.translation.pk]), {"submit": "1"}
        )
        self.assertEqual(response.status_code, 302)
        self.nb_page.refresh_from_db()
        self.assertFalse(self.nb_page.live)
        self.assertEqual(self.nb_page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)

    def test_changes_requested_then_fixed_resubmitted_and_approved(self):
        self.client.force_login(self.translator)
        translate_all(self.client, self.translation, text=lambda s: f"[nb] {s}")
        self.submit()

        # The reviewer requests changes: nothing is published, the workflow waits for the translator.
        self.client.force_login(self.reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.task_action_url("reject"), {"comment": "Stillingen er feil."})
        self.assertIn(response.status_code, (200, 302))
        self.nb_page.refresh_from_db()
        self.assertFalse(self.nb_page.live)
        self.assertIsNone(self.nb_page.live_revision_id)
        state = self.nb_page.current_workflow_state
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        rejected = state.task_states.get(status="rejected")
        self.assertEqual(rejected.get_comment(), "Stillingen er feil.")

        # The translator can still open the page and fix the string ...
        self.client.force_login(self.translator)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.nb_page.pk]))
        self.assertEqual(response.status_code, 200)
        segment = StringSegment.objects.get(source=self.translation.source, context__path="job_title")
        url = reverse("wagtail_localize:edit_string_translation", args=[self.translation.pk, segment.pk])
        self.assertEqual(put_string(self.client, url, "Bystyrerepresentant").status_code, 200)
        # ... save a draft (still unpublished) ...
        response = self.client.post(
            reverse("translations:submit_for_review", args=[self.translation.pk]), {"draft": "1"}
        )
        self.assertEqual(response.status_code, 302)
        self.nb_page.refresh_from_db()
        self.assertFalse(self.nb_page.live)
        self.assertEqual(self.nb_page.get_latest_revision_as_object().job_title, "Bystyrerepresentant")
        # ... and submit again.
        self.submit()
        self.assertEqual(WorkflowState.objects.filter(object_id=str(self.nb_page.pk)).count(), 2)

        # The translator still cannot approve their own work.
        self.client.force_login(self.translator)
        self.client.post(self.task_action_url("approve"), {"comment": ""})
        self.nb_page.refresh_from_db()
        self.assertFalse(self.nb_page.live)

        # The second approval publishes the fixed translation.
        self.client.force_login(self.reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.task_action_url("approve"), {"comment": ""})
        self.assertIn(response.status_code, (200, 302))
        self.nb_page.refresh_from_db()
        self.assertTrue(self.nb_page.live)
        self.assertEqual(self.nb_page.job_title, "Bystyrerepresentant")
        self.assertEqual(self.nb_page.title, "[nb] Anna Nowak")
        self.assertIsNone(self.nb_page.current_workflow_state)

    def test_translators_of_another_language_cannot_review(self):
        self.client.force_login(self.translator)
        translate_all(self.client, self.translation)
        self.submit()
        self.client.force_login(make_user("ina", "is"))
        url = self.task_action_url("approve")
        before = db_state()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"comment": ""})
        assert_denied(response, before)
        self.nb_page.refresh_from_db()
        self.assertFalse(self.nb_page.live)
        self.assertEqual(self.nb_page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
