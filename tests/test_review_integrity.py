"""The reviewer approves exactly the revision that was submitted (issue 8, finding 3).

Once a translator submits a translation for review, it is locked for everyone
but superusers: the submitter cannot save another draft by any route (the
review view, the page editor, wagtail-localize's string API, a lock of their
own), and approval publishes the submitted revision even when a later draft
exists. Only a member of the object's language team who did not submit it
approves, for pages and organisations alike, and only their submissions are
listed as awaiting their review.
"""

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Revision, TaskState, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringSegment, StringTranslation

from events.models import Organisation, SpeakerIndexPage, SpeakerPage
from translations.services import save_draft

from .admin_forms import speaker_form
from .translation_helpers import (
    assert_denied,
    db_state,
    locale,
    make_user,
    put_string,
    translate_all,
    translation_for,
)


def make_superuser(username="root"):
    user = get_user_model().objects.create_superuser(username, password="pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


class ReviewTestCase(TestCase):
    def setUp(self):
        self.editor = make_user("ewa", "pl")
        self.submitter = make_user("nora", "nb")
        self.reviewer = make_user("ola", "nb")
        self.icelander = make_user("ina", "is")
        self.page, self.nb_page, self.translation = self.polish_page_translated_into_nb("Anna Nowak", "Radna")

    def polish_page_translated_into_nb(self, name, job_title):
        index = SpeakerIndexPage.objects.get(locale__language_code="pl")
        slug = name.lower().replace(" ", "-")
        page = index.add_child(
            instance=SpeakerPage(
                title=name, slug=slug, family_name=name.split()[-1], job_title=job_title, live=False
            )
        )
        page.save_revision(user=self.editor).publish()
        self.client.force_login(self.editor)
        self.client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale("nb").pk]},
        )
        nb_page = SpeakerPage.objects.get(translation_key=page.translation_key, locale__language_code="nb")
        return page, nb_page, translation_for(page, "nb")

    def submit(self, user, translation, nb_page, text=lambda s: f"[nb] {s}"):
        """Translate every string and submit through the review view, as ``user``."""
        self.client.force_login(user)
        translate_all(self.client, translation, text=text)
        response = self.client.post(
            reverse("translations:submit_for_review", args=[translation.pk]), {"submit": "1"}
        )
        self.assertEqual(response.status_code, 302)
        nb_page.refresh_from_db()
        state = nb_page.current_workflow_state
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.requested_by, user)
        return state.current_task_state

    def page_action_url(self, page, task_state, action="approve"):
        return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])

    def snapshot(self, obj, translation):
        obj = type(obj).objects.get(pk=obj.pk)
        strings = StringTranslation.objects.filter(
            locale=translation.target_locale, context__object=translation.source.object
        )
        return (
            Revision.objects.for_instance(obj).count(),
            obj.latest_revision_id,
            obj.live,
            sorted(strings.values_list("pk", "data", "last_translated_by_id")),
        )


class SubmittedTranslationIsLockedTests(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.task_state = self.submit(self.submitter, self.translation, self.nb_page)
        self.submitted_revision_id = self.task_state.revision_id
        self.nb_page.refresh_from_db()
        self.assertEqual(self.submitted_revision_id, self.nb_page.latest_revision_id)
        self.before = self.snapshot(self.nb_page, self.translation)
        self.client.force_login(self.submitter)

    def assert_unchanged(self):
        self.assertEqual(self.snapshot(self.nb_page, self.translation), self.before)

    def test_locked_for_the_submitter_and_the_reviewers(self):
        nb_page = SpeakerPage.objects.get(pk=self.nb_page.pk)
        lock = nb_page.get_lock()
        self.assertIsNotNone(lock)
        self.assertTrue(lock.for_user(self.submitter))
        self.assertTrue(lock.for_user(self.reviewer))
        self.assertFalse(lock.for_user(make_superuser()))

    def test_the_review_view_refuses_another_draft(self):
        url = reverse("translations:submit_for_review", args=[self.translation.pk])
        before = db_state()
        assert_denied(self.client.post(url, {"draft": "1"}), before)
        assert_denied(self.client.post(url, {"submit": "1"}), before)
        self.assert_unchanged()

    def test_the_page_editor_saves_nothing(self):
        edit = reverse("wagtailadmin_pages:edit", args=[self.nb_page.pk])
        form = speaker_form(title=self.nb_page.title, slug=self.nb_page.slug, job_title="Endret")
        self.client.post(edit, form)
        self.client.post(edit, {**form, "action-publish": "action-publish"})
        self.client.post(edit, {"action": "publish"})
        self.assert_unchanged()

    def test_the_string_api_refuses(self):
        segment = StringSegment.objects.get(source=self.translation.source, context__path="job_title")
        url = reverse("wagtail_localize:edit_string_translation", args=[self.translation.pk, segment.pk])
        before = db_state()
        assert_denied(put_string(self.client, url, "Endret stilling"), before)
        assert_denied(self.client.delete(url), before)
        self.assert_unchanged()

    def test_the_submitter_cannot_lock_it_to_edit(self):
        response = self.client.post(reverse("wagtailadmin_pages:lock", args=[self.nb_page.pk]))
        self.assertIn(response.status_code, (302, 403))
        self.nb_page.refresh_from_db()
        self.assertFalse(self.nb_page.locked)
        self.assertTrue(self.nb_page.get_lock().for_user(self.submitter))

    def test_a_lock_taken_before_submitting_is_released(self):
        """A lock would let its holder edit during review: submitting releases it."""
        other_page, other_nb, other_translation = self.polish_page_translated_into_nb("Piotr Lis", "Wójt")
        SpeakerPage.objects.filter(pk=other_nb.pk).update(locked=True, locked_by=self.reviewer)
        self.submit(self.reviewer, other_translation, other_nb)
        other_nb.refresh_from_db()
        self.assertFalse(other_nb.locked)
        self.assertTrue(other_nb.get_lock().for_user(self.reviewer))

    def test_after_changes_are_requested_the_submitter_edits_and_resubmits(self):
        self.client.force_login(self.reviewer)
        response = self.client.post(
            self.page_action_url(self.nb_page, self.task_state, "reject"), {"comment": "Nei"}
        )
        self.assertIn(response.status_code, (200, 302))
        self.nb_page.refresh_from_db()
        self.assertIsNone(self.nb_page.get_lock())
        self.client.force_login(self.submitter)
        segment = StringSegment.objects.get(source=self.translation.source, context__path="job_title")
        url = reverse("wagtail_localize:edit_string_translation", args=[self.translation.pk, segment.pk])
        self.assertEqual(put_string(self.client, url, "Kommunestyrerepresentant").status_code, 200)
        task_state = self.submit(self.submitter, self.translation, self.nb_page)
        self.client.force_login(self.reviewer)
        self.client.post(self.page_action_url(self.nb_page, task_state), {"comment": ""})
        self.nb_page.refresh_from_db()
        self.assertTrue(self.nb_page.live)
        self.assertEqual(self.nb_page.job_title, "Kommunestyrerepresentant")

    def test_approval_publishes_the_submitted_revision_not_a_later_draft(self):
        submitted = Revision.objects.get(pk=self.submitted_revision_id).as_object()
        self.assertEqual(submitted.job_title, "[nb] Radna")
        # A superuser (not locked) changes a string and saves a later draft during the review.
        admin = make_superuser()
        self.client.force_login(admin)
        segment = StringSegment.objects.get(source=self.translation.source, context__path="job_title")
        url = reverse("wagtail_localize:edit_string_translation", args=[self.translation.pk, segment.pk])
        self.assertEqual(put_string(self.client, url, "Ulest utkast").status_code, 200)
        save_draft(self.translation, admin)
        self.nb_page.refresh_from_db()
        later_draft_id = self.nb_page.latest_revision_id
        self.assertNotEqual(later_draft_id, self.submitted_revision_id)
        self.assertEqual(self.nb_page.get_latest_revision_as_object().job_title, "Ulest utkast")
        self.assertEqual(self.nb_page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)

        # The second translator approves what they read: the submitted revision goes live.
        self.client.force_login(self.reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.page_action_url(self.nb_page, self.task_state), {"comment": ""})
        self.assertIn(response.status_code, (200, 302))
        self.nb_page.refresh_from_db()
        self.assertTrue(self.nb_page.live)
        self.assertEqual(self.nb_page.live_revision_id, self.submitted_revision_id)
        self.assertEqual(self.nb_page.job_title, "[nb] Radna")
        self.assertEqual(self.nb_page.title, submitted.title)
        # The later draft stays a draft.
        self.assertEqual(self.nb_page.latest_revision_id, later_draft_id)
        self.assertTrue(self.nb_page.has_unpublished_changes)
        self.client.logout()
        self.assertContains(self.client.get(self.nb_page.get_url()), "[nb] Radna")
        self.assertNotContains(self.client.get(self.nb_page.get_url()), "Ulest utkast")

    def test_approval_publishes_the_submitted_revision(self):
        self.client.force_login(self.reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.page_action_url(self.nb_page, self.task_state), {"comment": ""})
        self.nb_page.refresh_from_db()
        self.assertTrue(self.nb_page.live)
        self.assertEqual(self.nb_page.live_revision_id, self.submitted_revision_id)
        self.assertFalse(self.nb_page.has_unpublished_changes)
        self.assertIsNone(self.nb_page.current_workflow_state)


class WagtailEditorLockTests(ReviewTestCase):
    """A page outside the translation editor (no translation record): Wagtail's own editor refuses."""

    def test_wagtails_editor_refuses_to_save_while_in_review(self):
        index = SpeakerIndexPage.objects.get(locale__language_code="nb")
        page = index.add_child(
            instance=SpeakerPage(
                title="Kari Nordmann", slug="kari-nordmann", family_name="Nordmann", live=False
            )
        )
        page.save_revision(user=self.submitter)
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        form = dict(speaker_form(title="Kari Nordmann", slug="kari-nordmann", family_name="Nordmann"))
        self.client.force_login(self.submitter)
        response = self.client.post(edit, {**form, "job_title": "Ordfører", "action-submit": "action-submit"})
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        state = page.current_workflow_state
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        submitted_id = state.current_task_state.revision_id
        revisions = Revision.objects.for_instance(page).count()

        # The submitter tries to save a later draft in Wagtail's editor: refused, nothing saved.
        response = self.client.post(edit, {**form, "job_title": "Ulest endring"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "could not be saved", status_code=200)
        page.refresh_from_db()
        self.assertEqual(Revision.objects.for_instance(page).count(), revisions)
        self.assertEqual(page.latest_revision_id, submitted_id)
        # So is the reviewer: a reviewer asks for changes instead.
        self.client.force_login(self.reviewer)
        self.client.post(edit, {**form, "job_title": "Rettet av leseren"})
        page.refresh_from_db()
        self.assertEqual(Revision.objects.for_instance(page).count(), revisions)

        self.client.post(self.page_action_url(page, state.current_task_state), {"comment": ""})
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(page.job_title, "Ordfører")


class WhoApprovesPagesTests(ReviewTestCase):
    def setUp(self):
        super().setUp()
        self.task_state = self.submit(self.submitter, self.translation, self.nb_page)

    def assert_not_live(self):
        self.nb_page.refresh_from_db()
        self.assertFalse(self.nb_page.live)
        self.assertEqual(TaskState.objects.get(pk=self.task_state.pk).status, TaskState.STATUS_IN_PROGRESS)

    def test_the_submitter_cannot_approve_their_own(self):
        self.client.force_login(self.submitter)
        before = db_state()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.page_action_url(self.nb_page, self.task_state), {"comment": ""})
        assert_denied(response, before)
        self.assert_not_live()

    def test_an_icelandic_translator_cannot_approve_a_norwegian_page(self):
        self.client.force_login(self.icelander)
        before = db_state()
        for action, data in (("approve", {"comment": ""}), ("reject", {"comment": "Nei"})):
            with self.captureOnCommitCallbacks(execute=True):
                response = self.client.post(self.page_action_url(self.nb_page, self.task_state, action), data)
            assert_denied(response, before)
        self.assert_not_live()

    def test_nobody_approves_through_another_objects_address(self):
        """Wagtail checks the action on the page in the URL but acts on the task state in the URL."""
        _other, other_nb, other_translation = self.polish_page_translated_into_nb("Piotr Lis", "Wójt")
        self.submit(self.reviewer, other_translation, other_nb)
        # The submitter may review the other page, and names it with their own task state.
        self.client.force_login(self.submitter)
        before = db_state()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.page_action_url(other_nb, self.task_state), {"comment": ""})
        assert_denied(response, before)
        self.assert_not_live()
        # An Icelandic translator with a page of their own in review cannot either.
        _is_page, is_nb, is_translation = self.polish_page_translated_into_nb("Ewa Wolska", "Sołtys")
        self.assertTrue(is_nb.locale.language_code == "nb")
        self.client.force_login(self.icelander)
        before = db_state()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.page_action_url(other_nb, self.task_state), {"comment": ""})
        assert_denied(response, before)
        self.assert_not_live()

    def test_awaiting_review_lists_only_the_users_languages(self):
        self.assertIn(
            self.task_state.pk, TaskState.objects.reviewable_by(self.reviewer).values_list("pk", flat=True)
        )
        self.assertNotIn(
            self.task_state.pk, TaskState.objects.reviewable_by(self.submitter).values_list("pk", flat=True)
        )
        self.assertFalse(
            TaskState.objects.reviewable_by(self.icelander).filter(pk=self.task_state.pk).exists()
        )
        self.client.force_login(self.reviewer)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), "[nb] Anna Nowak")
        self.client.force_login(self.icelander)
        self.assertNotContains(self.client.get(reverse("wagtailadmin_home")), "[nb] Anna Nowak")


class WhoApprovesOrganisationsTests(ReviewTestCase):
    """One task for organisations of every language: only the organisation's own team reviews."""

    def setUp(self):
        super().setUp()
        self.pl_org = Organisation.objects.get(locale__language_code="pl", website="https://www.miasta.pl/")
        self.org_translation = translation_for(self.pl_org, "nb")
        self.nb_org = self.org_translation.get_target_instance()
        self.old_name = self.nb_org.name
        segment = StringSegment.objects.get(source=self.org_translation.source, context__path="name")
        self.client.force_login(self.submitter)
        url = reverse("wagtail_localize:edit_string_translation", args=[self.org_translation.pk, segment.pk])
        self.assertEqual(put_string(self.client, url, "Polske byers forbund").status_code, 200)
        save_draft(self.org_translation, self.submitter)
        self.nb_org.refresh_from_db()
        self.nb_org.get_workflow().start(self.nb_org, self.submitter)
        self.nb_org.refresh_from_db()
        self.task_state = self.nb_org.current_workflow_state.current_task_state
        self.submitted_revision_id = self.task_state.revision_id

    def approve(self, user):
        self.client.force_login(user)
        url = reverse(
            "wagtailsnippets_events_organisation:workflow_action",
            args=[self.nb_org.pk, "approve", self.task_state.pk],
        )
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, {"comment": ""})

    def assert_not_published(self):
        self.nb_org.refresh_from_db()
        self.assertEqual(self.nb_org.name, self.old_name)
        self.assertEqual(TaskState.objects.get(pk=self.task_state.pk).status, TaskState.STATUS_IN_PROGRESS)

    def test_an_icelandic_translator_cannot_approve_a_norwegian_organisation(self):
        before = db_state()
        assert_denied(self.approve(self.icelander), before)
        self.assert_not_published()
        self.assertFalse(
            TaskState.objects.reviewable_by(self.icelander).filter(pk=self.task_state.pk).exists()
        )

    def test_the_submitter_cannot_approve_their_own(self):
        before = db_state()
        assert_denied(self.approve(self.submitter), before)
        self.assert_not_published()
        self.assertFalse(
            TaskState.objects.reviewable_by(self.submitter).filter(pk=self.task_state.pk).exists()
        )

    def test_locked_for_the_team_during_review(self):
        self.assertTrue(self.nb_org.get_lock().for_user(self.submitter))
        self.assertTrue(self.nb_org.get_lock().for_user(self.reviewer))
        segment = StringSegment.objects.get(source=self.org_translation.source, context__path="name")
        self.client.force_login(self.submitter)
        url = reverse("wagtail_localize:edit_string_translation", args=[self.org_translation.pk, segment.pk])
        before = db_state()
        assert_denied(put_string(self.client, url, "Ulest navn"), before)

    def test_a_second_norwegian_translator_approves_the_submitted_revision(self):
        self.assertTrue(TaskState.objects.reviewable_by(self.reviewer).filter(pk=self.task_state.pk).exists())
        # A superuser saves a later draft: it is not what the reviewer approves.
        admin = make_superuser()
        segment = StringSegment.objects.get(source=self.org_translation.source, context__path="name")
        self.client.force_login(admin)
        url = reverse("wagtail_localize:edit_string_translation", args=[self.org_translation.pk, segment.pk])
        self.assertEqual(put_string(self.client, url, "Ulest navn").status_code, 200)
        save_draft(self.org_translation, admin)

        response = self.approve(self.reviewer)
        self.assertIn(response.status_code, (200, 302))
        self.nb_org.refresh_from_db()
        self.assertEqual(self.nb_org.name, "Polske byers forbund")
        self.assertEqual(self.nb_org.live_revision_id, self.submitted_revision_id)
        self.assertTrue(self.nb_org.has_unpublished_changes)
        self.assertEqual(self.nb_org.get_latest_revision_as_object().name, "Ulest navn")
