"""Organisations have drafts like pages: visitors see only what was published and reviewed.

A Polish editor renames an organisation and publishes; a sync saves the
Norwegian organisation as a draft (the changed string is untranslated), and
Norwegian visitors keep seeing the reviewed Norwegian name until a translator
translates the string and a second translator approves it. A translation that
was never published is not shown: the live Polish organisation is, marked with
its language.
"""

import importlib
import json
import re
import uuid
from unittest import mock

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Revision, WorkflowContentType, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from events.models import Organisation, ProjectPage, ProjectPartner, SpeakerIndexPage, SpeakerPage
from home.demo import loader
from translations.review import ORGANISATION_WORKFLOW, sync_review_workflows
from translations.services import save_draft, sync_translations
from translations.teams import team_for

from .translation_helpers import locale, make_user, put_string, translation_for

ZMP_WEBSITE = "https://www.miasta.pl/"
NEW_POLISH_NAME = "Związek Miast Polskich RP"
NEW_NORWEGIAN_NAME = "Sammenslutningen av byer i Republikken Polen"


def organisation(code, website=ZMP_WEBSITE):
    return Organisation.objects.get(locale__language_code=code, website=website)


def project(code):
    return ProjectPage.objects.get(locale__language_code=code)


def a_speaker(code):
    return SpeakerPage.objects.filter(locale__language_code=code).order_by("pk").first()


def structured_data(html):
    return [
        json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


class OrganisationTestCase(TestCase):
    def setUp(self):
        self.editor = make_user("ewa", "pl")
        self.translator = make_user("nora", "nb")
        self.reviewer = make_user("ola", "nb")
        self.pl_org = organisation("pl")
        self.nb_org = organisation("nb")
        self.old_nb_name = self.nb_org.name
        self.translation = translation_for(self.pl_org, "nb")
        # A Norwegian speaker of this organisation too (the demo's partners have no speakers).
        self.nb_speaker = a_speaker("nb")
        SpeakerPage.objects.filter(pk=a_speaker("pl").pk).update(organisation=self.pl_org)
        SpeakerPage.objects.filter(pk=self.nb_speaker.pk).update(organisation=self.nb_org)

    def visitor_pages(self, code="nb"):
        self.client.logout()
        pages = {}
        for name, page in (
            ("project", project(code)),
            ("speaker", SpeakerPage.objects.get(pk=self.nb_speaker.pk)),
        ):
            response = self.client.get(page.get_url())
            self.assertEqual(response.status_code, 200, page.get_url())
            pages[name] = response.content.decode()
        listing = SpeakerIndexPage.objects.get(locale__language_code=code)
        response = self.client.get(listing.get_url())
        self.assertEqual(response.status_code, 200)
        pages["listing"] = response.content.decode()
        return pages

    def edit_url(self, org):
        return reverse("wagtailsnippets_events_organisation:edit", args=[org.pk])

    def rename_polish_and_publish(self, name=NEW_POLISH_NAME):
        self.client.force_login(self.editor)
        org = self.pl_org
        data = {
            "name": name,
            "kind": org.kind,
            "city": org.city,
            "country": org.country,
            "website": org.website,
            "action-publish": "action-publish",
        }
        response = self.client.post(self.edit_url(org), data)
        self.assertEqual(response.status_code, 302)
        org.refresh_from_db()
        self.assertEqual(org.name, name)
        self.assertTrue(org.live)
        self.assertEqual(org.live_revision_id, org.latest_revision_id)

    def sync(self):
        source = TranslationSource.objects.get_for_instance(self.pl_org)
        with self.captureOnCommitCallbacks(execute=True):
            return sync_translations(source, self.editor, [locale("nb")])

    def translate_changed_name(self, client_user, text=NEW_NORWEGIAN_NAME):
        self.client.force_login(client_user)
        segment = StringSegment.objects.get(source=self.translation.source, string__data=NEW_POLISH_NAME)
        url = reverse("wagtail_localize:edit_string_translation", args=[self.translation.pk, segment.pk])
        response = put_string(self.client, url, text)
        self.assertIn(response.status_code, (200, 201), response.content)

    def approve_url(self, org, action="approve"):
        task_state = org.current_workflow_state.current_task_state
        return reverse(
            "wagtailsnippets_events_organisation:workflow_action", args=[org.pk, action, task_state.pk]
        )


class SyncKeepsTheReviewedNameTests(OrganisationTestCase):
    def assert_visitors_see_the_old_norwegian_name(self):
        pages = self.visitor_pages()
        for name, html in pages.items():
            self.assertIn(self.old_nb_name, html, name)
            self.assertNotIn(NEW_POLISH_NAME, html, name)
            self.assertNotIn(NEW_NORWEGIAN_NAME, html, name)

    def sync_and_check_the_draft(self):
        live_revision_id = self.nb_org.live_revision_id
        self.rename_polish_and_publish()
        result = self.sync()
        self.assertEqual([loc.language_code for loc in result.drafts], ["nb"])
        self.assertEqual(result.published, [])

        # What visitors see did not change: the row is still the live, reviewed version.
        self.nb_org.refresh_from_db()
        self.assertTrue(self.nb_org.live)
        self.assertEqual(self.nb_org.name, self.old_nb_name)
        self.assertEqual(self.nb_org.live_revision_id, live_revision_id)
        self.assertTrue(self.nb_org.has_unpublished_changes)
        self.assertNotEqual(self.nb_org.latest_revision_id, live_revision_id)
        # The draft has the Polish name in the changed (untranslated) field.
        self.assertEqual(self.nb_org.get_latest_revision_as_object().name, NEW_POLISH_NAME)
        self.assert_visitors_see_the_old_norwegian_name()

    def approve_and_check_visitors_see_the_new_name(self):
        self.nb_org.refresh_from_db()
        self.assertEqual(self.nb_org.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(self.nb_org.current_workflow_state.workflow.name, ORGANISATION_WORKFLOW)
        self.assertEqual(self.nb_org.name, self.old_nb_name)  # still in review: not live yet
        self.assert_visitors_see_the_old_norwegian_name()

        self.client.force_login(self.reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.approve_url(self.nb_org), {"comment": ""})
        self.assertIn(response.status_code, (200, 302))
        self.nb_org.refresh_from_db()
        self.assertTrue(self.nb_org.live)
        self.assertEqual(self.nb_org.name, NEW_NORWEGIAN_NAME)
        self.assertFalse(self.nb_org.has_unpublished_changes)
        self.assertIsNone(self.nb_org.current_workflow_state)

        pages = self.visitor_pages()
        for name, html in pages.items():
            self.assertIn(NEW_NORWEGIAN_NAME, html, name)
            self.assertNotIn(NEW_POLISH_NAME, html, name)
        data = structured_data(pages["project"]) + structured_data(pages["speaker"])
        self.assertIn(NEW_NORWEGIAN_NAME, json.dumps(data, ensure_ascii=False))

    def test_rename_sync_translate_review_publish(self):
        """Save and submit as the review view does it (``save_draft`` + the organisation workflow)."""
        self.sync_and_check_the_draft()
        self.translate_changed_name(self.translator)
        # Translating a string changes no revision: visitors still see the reviewed name.
        self.assert_visitors_see_the_old_norwegian_name()

        # The translator saves a draft and submits it to "Translation review: organisations".
        self.nb_org.refresh_from_db()
        draft = save_draft(self.translation, self.translator)
        self.assertEqual(draft.name, self.old_nb_name)
        self.nb_org.refresh_from_db()
        self.assertEqual(self.nb_org.get_latest_revision_as_object().name, NEW_NORWEGIAN_NAME)
        workflow = self.nb_org.get_workflow()
        self.assertEqual(workflow.name, ORGANISATION_WORKFLOW)
        workflow.start(self.nb_org, self.translator)

        # The translator cannot approve their own work.
        self.client.force_login(self.translator)
        self.client.post(self.approve_url(self.nb_org), {"comment": ""})
        self.nb_org.refresh_from_db()
        self.assertEqual(self.nb_org.name, self.old_nb_name)

        self.approve_and_check_visitors_see_the_new_name()

    def test_rename_sync_translate_review_publish_through_the_review_view(self):
        """The whole cycle through the admin: the translator saves and submits in the review view."""
        self.sync_and_check_the_draft()
        self.translate_changed_name(self.translator)
        self.client.force_login(self.translator)
        response = self.client.post(
            reverse("translations:submit_for_review", args=[self.translation.pk]), {"submit": "1"}
        )
        self.assertEqual(response.status_code, 302)
        self.approve_and_check_visitors_see_the_new_name()

    def test_a_complete_live_translation_is_republished_by_a_sync(self):
        """Only a synchronised field changed: every string is still translated, so it goes live."""
        self.client.force_login(self.editor)
        data = {
            "name": self.pl_org.name,
            "kind": self.pl_org.kind,
            "city": self.pl_org.city,
            "country": "NO",
            "website": self.pl_org.website,
            "action-publish": "action-publish",
        }
        self.assertEqual(self.client.post(self.edit_url(self.pl_org), data).status_code, 302)
        result = self.sync()
        self.assertEqual([loc.language_code for loc in result.published], ["nb"])
        self.nb_org.refresh_from_db()
        self.assertEqual((self.nb_org.country, self.nb_org.name), ("NO", self.old_nb_name))
        self.assertTrue(self.nb_org.live)
        self.assertEqual(self.nb_org.live_revision_id, self.nb_org.latest_revision_id)

    def test_translators_cannot_publish_organisations(self):
        self.assertFalse(self.translator.has_perm("events.publish_organisation"))
        self.assertTrue(self.editor.has_perm("events.publish_organisation"))
        self.sync_and_check_the_draft()
        self.translate_changed_name(self.translator)
        # wagtail-localize's editor publishes only for users with the publish permission.
        self.client.force_login(self.translator)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.edit_url(self.nb_org), {"action": "publish"})
        self.nb_org.refresh_from_db()
        self.assertEqual(self.nb_org.name, self.old_nb_name)
        self.assert_visitors_see_the_old_norwegian_name()


class NeverPublishedTranslationTests(OrganisationTestCase):
    def setUp(self):
        super().setUp()
        # A new Polish organisation, published, submitted for translation into Norwegian:
        # its Norwegian translation is a draft that nobody has published.
        self.client.force_login(self.editor)
        url = reverse("wagtailsnippets_events_organisation:add") + "?locale=pl"
        data = {
            "name": "Gmina Nowa Wieś",
            "kind": self.pl_org.kind,
            "city": "Nowa Wieś",
            "country": "PL",
            "website": "https://nowa-wies.example/",
            "action-publish": "action-publish",
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, (response.status_code, response.get("Location")))
        self.new_pl = Organisation.objects.get(name="Gmina Nowa Wieś")
        self.assertTrue(self.new_pl.live)
        response = self.client.post(
            reverse(
                "wagtail_localize:submit_snippet_translation", args=["events", "organisation", self.new_pl.pk]
            ),
            {"locales": [locale("nb").pk]},
        )
        self.assertEqual(response.status_code, 302)
        self.new_nb = Organisation.objects.get(
            translation_key=self.new_pl.translation_key, locale=locale("nb")
        )
        self.assertFalse(self.new_nb.live)
        self.assertIsNone(self.new_nb.live_revision_id)
        # Make the draft translation recognisable, as a translator's unreviewed work would be.
        Organisation.objects.filter(pk=self.new_nb.pk).update(name="Utkast: Nowa Wieś kommune")
        # It is a partner of the Norwegian project and the organisation of a Norwegian speaker.
        ProjectPartner.objects.create(
            page=project("nb"), organisation=self.new_nb, locale=locale("nb"), translation_key=uuid.uuid4()
        )
        SpeakerPage.objects.filter(pk=self.nb_speaker.pk).update(organisation=self.new_nb)

    def test_the_polish_organisation_is_shown_instead_marked_as_polish(self):
        pages = self.visitor_pages()
        for name, html in pages.items():
            self.assertNotIn("Utkast", html, name)
            self.assertIn("Gmina Nowa Wieś", html, name)
        self.assertRegex(
            pages["project"], r'<p class="partner__name" lang="pl">\s*<a href="https://nowa-wies.example/"'
        )
        self.assertIn('<p class="speaker__organisation" lang="pl">', pages["speaker"])
        self.assertRegex(
            pages["listing"], r'<span class="speaker-card__organisation" lang="pl">Gmina Nowa Wieś</span>'
        )
        # The live Norwegian organisations carry no lang of their own.
        self.assertRegex(pages["project"], rf'<p class="partner__name">\s*<a href="{ZMP_WEBSITE}"')
        data = json.dumps(
            structured_data(pages["project"]) + structured_data(pages["speaker"]), ensure_ascii=False
        )
        self.assertNotIn("Utkast", data)
        self.assertIn("Gmina Nowa Wieś", data)

    def test_the_listing_filter_offers_only_what_visitors_see(self):
        listing = SpeakerIndexPage.objects.get(locale__language_code="nb")
        response = self.client.get(listing.get_url(), {"organisation": str(self.new_nb.pk)})
        html = response.content.decode()
        self.assertNotIn("Utkast", html)
        self.assertIn(f'<option value="{self.new_pl.pk}"', html)
        self.assertNotIn(f'<option value="{self.new_nb.pk}"', html)
        response = self.client.get(listing.get_url(), {"organisation": str(self.new_pl.pk)})
        self.assertContains(response, "Gmina Nowa Wieś")
        self.assertContains(response, self.nb_speaker.title)

    def test_a_polish_organisation_never_published_is_not_shown_at_all(self):
        Organisation.objects.filter(pk=self.new_pl.pk).update(live=False)
        pages = self.visitor_pages()
        for name, html in pages.items():
            self.assertNotIn("Utkast", html, name)
            self.assertNotIn("Gmina Nowa Wieś", html, name)

    def test_publishing_the_translation_shows_it(self):
        StringTranslation.objects.filter(
            locale=locale("nb"), context__object_id=self.new_pl.translation_key
        ).delete()
        translation = translation_for(self.new_pl, "nb")
        for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=locale("nb"),
                context=segment.context,
                data=f"Nb {segment.string.data}",
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
        with self.captureOnCommitCallbacks(execute=True):
            translation.save_target(user=self.editor, publish=True)
        pages = self.visitor_pages()
        self.assertIn("Nb Gmina Nowa Wieś", pages["project"])
        self.assertNotIn('lang="pl"', pages["speaker"].split('class="speaker__organisation"')[1][:20])


class SaveDraftTests(OrganisationTestCase):
    """``save_draft`` leaves the row as the live revision, for snippets and pages, in one transaction."""

    def change_polish_name(self):
        self.pl_org.name = NEW_POLISH_NAME
        self.pl_org.save_revision(user=self.editor).publish(user=self.editor)
        TranslationSource.objects.get_for_instance(self.pl_org).update_from_db()

    def test_a_live_organisation_stays_live_with_a_new_draft(self):
        before = Organisation.objects.get(pk=self.nb_org.pk)
        revisions = Revision.objects.for_instance(before).count()
        self.change_polish_name()
        save_draft(self.translation, self.translator)
        after = Organisation.objects.get(pk=self.nb_org.pk)
        self.assertTrue(after.live)
        self.assertEqual(after.live_revision_id, before.live_revision_id)
        self.assertEqual(after.name, before.name)
        self.assertTrue(after.has_unpublished_changes)
        self.assertEqual(Revision.objects.for_instance(after).count(), revisions + 1)
        latest = Revision.objects.for_instance(after).order_by("-created_at", "-pk").first()
        self.assertEqual(after.latest_revision_id, latest.pk)
        self.assertEqual(latest.as_object().name, NEW_POLISH_NAME)
        live = Revision.objects.get(pk=after.live_revision_id).as_object()
        for field in ("name", "city", "country", "website", "kind"):
            self.assertEqual(getattr(after, field), getattr(live, field), field)

    def test_a_live_page_stays_live_with_a_new_draft(self):
        pl_speaker = SpeakerPage.objects.filter(locale__language_code="pl").order_by("pk").first()
        translation = translation_for(pl_speaker, "nb")
        nb_speaker = translation.get_target_instance()
        before = SpeakerPage.objects.get(pk=nb_speaker.pk)
        pl_speaker.job_title = "Nowe stanowisko"
        pl_speaker.save_revision(user=self.editor).publish(user=self.editor)
        translation.source.update_from_db()
        save_draft(translation, self.translator)
        after = SpeakerPage.objects.get(pk=nb_speaker.pk)
        self.assertTrue(after.live)
        self.assertEqual(after.live_revision_id, before.live_revision_id)
        self.assertEqual(after.job_title, before.job_title)
        self.assertTrue(after.has_unpublished_changes)
        self.assertEqual(after.get_latest_revision_as_object().job_title, "Nowe stanowisko")

    def test_a_translation_never_live_stays_not_live(self):
        Organisation.objects.filter(pk=self.nb_org.pk).update(live=False, live_revision=None)
        self.change_polish_name()
        save_draft(self.translation, self.translator)
        after = Organisation.objects.get(pk=self.nb_org.pk)
        self.assertFalse(after.live)
        self.assertIsNone(after.live_revision_id)

    def test_nothing_changes_when_restoring_fails(self):
        """Draft and restoration are one transaction: a failure in between leaves the row as it was."""
        before = Organisation.objects.get(pk=self.nb_org.pk)
        revisions = Revision.objects.for_instance(before).count()
        self.change_polish_name()
        real_get = Revision.objects.get

        def failing_get(*args, **kwargs):
            if kwargs.get("pk") == before.live_revision_id:
                raise RuntimeError("database went away")
            return real_get(*args, **kwargs)

        with (
            mock.patch.object(Revision.objects, "get", side_effect=failing_get),
            self.assertRaises(RuntimeError),
        ):
            save_draft(self.translation, self.translator)
        after = Organisation.objects.get(pk=self.nb_org.pk)
        self.assertEqual(
            (after.live, after.name, after.latest_revision_id, after.has_unpublished_changes),
            (True, before.name, before.latest_revision_id, before.has_unpublished_changes),
        )
        self.assertEqual(Revision.objects.for_instance(after).count(), revisions)

    def test_a_live_translation_without_a_live_revision_is_kept_live(self):
        """Made before organisations had revisions: the row is kept as the live revision."""
        Organisation.objects.filter(pk=self.nb_org.pk).update(live_revision=None)
        self.change_polish_name()
        save_draft(self.translation, self.translator)
        after = Organisation.objects.get(pk=self.nb_org.pk)
        self.assertTrue(after.live)
        self.assertEqual(after.name, self.old_nb_name)
        self.assertIsNotNone(after.live_revision_id)
        self.assertEqual(Revision.objects.get(pk=after.live_revision_id).as_object().name, self.old_nb_name)
        self.assertEqual(after.get_latest_revision_as_object().name, NEW_POLISH_NAME)


class SetupTests(TestCase):
    def test_existing_organisations_stay_live_after_the_migration(self):
        migration = importlib.import_module("events.migrations.0004_publish_existing_organisations")
        pl = locale("pl")
        legacy = Organisation.objects.create(locale=pl, name="Stara Gmina", city="Stare Miasto")
        Organisation.objects.filter(pk=legacy.pk).update(live=True, live_revision=None, latest_revision=None)
        migration.publish_existing(django_apps, None)
        legacy.refresh_from_db()
        self.assertTrue(legacy.live)
        self.assertIsNotNone(legacy.live_revision_id)
        self.assertEqual(legacy.live_revision_id, legacy.latest_revision_id)
        self.assertFalse(legacy.has_unpublished_changes)
        self.assertEqual(legacy.live_revision.as_object().name, "Stara Gmina")
        # Organisations that already had a live revision are left alone; running it again changes nothing.
        count = Revision.objects.count()
        migration.publish_existing(django_apps, None)
        self.assertEqual(Revision.objects.count(), count)

    def test_demo_organisations_and_their_translations_are_published(self):
        organisations = Organisation.objects.all()
        self.assertEqual(
            organisations.count(), 4 * Organisation.objects.filter(locale__language_code="pl").count()
        )
        for org in organisations:
            self.assertTrue(org.live, org)
            self.assertIsNotNone(org.live_revision_id, org)
            self.assertEqual(org.live_revision_id, org.latest_revision_id, org)
            self.assertFalse(org.has_unpublished_changes, org)

    def test_loading_the_demo_again_changes_nothing(self):
        revisions = Revision.objects.count()
        self.assertFalse(loader.load())
        self.assertEqual(Revision.objects.count(), revisions)

    def test_polish_editors_publish_translators_do_not(self):
        codenames = ("publish_organisation", "lock_organisation", "unlock_organisation")
        perms = Permission.objects.filter(content_type__app_label="events", codename__in=codenames)
        self.assertEqual(perms.count(), 3)
        self.assertEqual(set(team_for("pl").permissions.filter(pk__in=perms)), set(perms))
        for code in ("nb", "is", "en"):
            team = team_for(code)
            self.assertFalse(team.permissions.filter(pk__in=perms).exists(), code)
            self.assertTrue(team.permissions.filter(codename="change_organisation").exists(), code)

    def test_organisations_have_the_review_workflow(self):
        content_type = ContentType.objects.get_for_model(Organisation)
        assignment = WorkflowContentType.objects.get(content_type=content_type)
        self.assertEqual(assignment.workflow.name, ORGANISATION_WORKFLOW)
        task = assignment.workflow.tasks.get().specific
        self.assertEqual(
            set(task.groups.values_list("name", flat=True)),
            {team_for(code).name for code in ("nb", "is", "en")},
        )
        counts = (Group.objects.count(), WorkflowContentType.objects.count(), task.groups.count())
        sync_review_workflows()
        sync_review_workflows()
        self.assertEqual(
            (Group.objects.count(), WorkflowContentType.objects.count(), task.groups.count()), counts
        )
        self.assertEqual(organisation("nb").get_workflow(), assignment.workflow)
