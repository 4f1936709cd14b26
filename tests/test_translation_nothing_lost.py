"""Nothing lost: delete and move warnings in the admin, alias <-> translation conversion, re-sync.

Driven through the admin with the Django test client and wagtail-localize's own views.
"""

from django.test import TestCase
from django.urls import reverse
from django.utils import translation as django_translation
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from events.models import SpeakerIndexPage, SpeakerPage
from translations.report import OUT_OF_DATE, UP_TO_DATE

from .translation_helpers import locale, make_user, report_row, translate_all, translation_for

TARGETS = ["nb", "is", "en"]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def translated_strings(page, code):
    """{(string id, context id): (row id, text)} of one language's translations of a page."""
    return {
        (t.translation_of_id, t.context_id): (t.pk, t.data)
        for t in StringTranslation.objects.filter(
            context__object_id=page.translation_key, locale__language_code=code
        )
    }


class DeleteAndMoveWarningTests(TestCase):
    def setUp(self):
        self.editor = make_user("ewa", "pl")
        self.client.force_login(self.editor)
        self.page = SpeakerPage.objects.filter(locale__language_code="pl").first()
        self.translations = {
            code: SpeakerPage.objects.get(
                translation_key=self.page.translation_key, locale__language_code=code
            )
            for code in TARGETS
        }

    def test_delete_confirmation_names_the_translations_and_deleting_keeps_them(self):
        url = reverse("wagtailadmin_pages:delete", args=[self.page.pk])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        warning = next(m for m in messages_of(response) if "translations in" in m)
        for name in ("Norsk bokmål", "Íslenska", "English"):
            self.assertIn(name, warning)
        self.assertIn("does not delete them", warning)
        self.assertIn("ordinary pages", warning)
        # Rendered on the confirmation page itself, not only queued for the next one.
        self.assertContains(response, "Deleting the Polish page does not delete them")

        response = self.client.post(url)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Page.objects.filter(pk=self.page.pk).exists())
        # As the message says: every translation is still there, live as before, with its translated text.
        for code, before in self.translations.items():
            after = SpeakerPage.objects.get(pk=before.pk)
            self.assertEqual((after.live, after.title), (before.live, before.title), code)
        # ... no longer linked to a Polish page: an ordinary page its translators edit directly.
        records = Translation.objects.filter(source__object_id=self.page.translation_key)
        self.assertFalse(records.filter(enabled=True).exists())
        # The translators' work is kept (WAGTAILLOCALIZE_DISABLE_ON_DELETE): the translation
        # records are disabled, not deleted, and their strings stay.
        self.assertEqual(records.count(), 3)
        self.assertTrue(
            StringTranslation.objects.filter(context__object_id=self.page.translation_key).exists()
        )
        nora = make_user("nora", "nb")
        self.client.force_login(nora)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.translations["nb"].pk]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "wagtail-localize-edit-translation")

    def test_move_confirmation_names_the_translations_and_moving_leaves_them(self):
        home = self.page.get_parent().get_parent()
        destination = home.add_child(instance=SpeakerIndexPage(title="Archiwum", slug="archiwum"))
        url = reverse("wagtailadmin_pages:move_confirm", args=[self.page.pk, destination.pk])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        warning = next(m for m in messages_of(response) if "translations in" in m)
        for name in ("Norsk bokmål", "Íslenska", "English"):
            self.assertIn(name, warning)
        self.assertContains(response, "Moving the Polish page does not move them")

        parents = {code: page.get_parent().pk for code, page in self.translations.items()}
        response = self.client.post(url)
        self.assertEqual(response.status_code, 302)
        self.page.refresh_from_db()
        self.assertEqual(self.page.get_parent().pk, destination.pk)
        # As the message says: the translations stay where they were, unchanged and live.
        for code, before in self.translations.items():
            after = SpeakerPage.objects.get(pk=before.pk)
            self.assertEqual(after.get_parent().pk, parents[code], code)
            self.assertEqual((after.live, after.url_path), (before.live, before.url_path), code)

    def test_the_warning_is_in_the_admin_language(self):
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(self.editor)
        profile.preferred_language = "pl"
        profile.save()
        response = self.client.get(reverse("wagtailadmin_pages:delete", args=[self.page.pk]))
        self.assertContains(response, '<html lang="pl"')
        with django_translation.override("pl"):
            from translations.wagtail_hooks import delete_warning

            expected = delete_warning(self.page)
        self.assertIn(expected, messages_of(response))

    def test_no_warning_for_a_page_without_translations_or_for_a_translation(self):
        index = SpeakerIndexPage.objects.get(locale__language_code="pl")
        lonely = index.add_child(instance=SpeakerPage(title="Sam", slug="sam", family_name="Sam"))
        response = self.client.get(reverse("wagtailadmin_pages:delete", args=[lonely.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertFalse([m for m in messages_of(response) if "translations in" in m])
        # A translation is not a source, so no warning (translators do not delete pages: a superuser).
        from django.contrib.auth import get_user_model

        self.client.force_login(get_user_model().objects.create_superuser("root-nl", password="pw"))
        nb_page = self.translations["nb"]
        response = self.client.get(reverse("wagtailadmin_pages:delete", args=[nb_page.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertFalse([m for m in messages_of(response) if "translations in" in m])


class AliasConversionTests(TestCase):
    """A translated nb page converted to an alias and back keeps every translated string."""

    def setUp(self):
        self.editor = make_user("ewa", "pl")
        self.translator = make_user("nora", "nb")
        self.page = SpeakerPage.objects.filter(locale__language_code="pl").first()
        self.nb_page = SpeakerPage.objects.get(
            translation_key=self.page.translation_key, locale__language_code="nb"
        )

    def convert_to_alias(self):
        # Showing the Polish text under a Norwegian address is a superuser's decision (docs/editors.md).
        from django.contrib.auth import get_user_model

        self.client.force_login(get_user_model().objects.create_superuser("root-alias", password="pw"))
        url = reverse("wagtail_localize:convert_to_alias", args=[self.nb_page.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(url)
        self.assertEqual(response.status_code, 302)
        self.nb_page.refresh_from_db()
        self.assertEqual(self.nb_page.alias_of_id, self.page.pk)

    def translate_again(self):
        # "Translate this page" on the alias leads to wagtail-localize's submit view of the source page.
        self.client.force_login(self.editor)
        url = reverse("wagtail_localize:submit_page_translation", args=[self.page.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"locales": [locale("nb").pk]})
        self.assertEqual(response.status_code, 302)
        self.nb_page = SpeakerPage.objects.get(pk=self.nb_page.pk)
        self.assertIsNone(self.nb_page.alias_of_id)

    def test_to_alias_and_back_keeps_every_translated_string(self):
        before = translated_strings(self.page, "nb")
        title, job_title = self.nb_page.title, self.nb_page.job_title
        self.assertTrue(before)
        self.assertNotEqual(job_title, self.page.job_title)

        self.convert_to_alias()
        # The alias shows the Polish text, but the translated strings are still stored.
        self.assertEqual(self.nb_page.job_title, self.page.job_title)
        self.assertEqual(translated_strings(self.page, "nb"), before)

        self.translate_again()
        self.assertEqual(translated_strings(self.page, "nb"), before)
        # The page shows the translations again (its row and its latest revision) ...
        self.assertEqual((self.nb_page.title, self.nb_page.job_title), (title, job_title))
        latest = self.nb_page.get_latest_revision_as_object()
        self.assertEqual((latest.title, latest.job_title), (title, job_title))
        # ... and the report sees a complete translation.
        row = report_row(self.page.title, "nb")
        self.assertEqual((row.state, row.translated), (UP_TO_DATE, row.total))

    def test_source_changed_while_an_alias_then_translated_again_and_synced(self):
        before = translated_strings(self.page, "nb")
        self.convert_to_alias()
        self.page.job_title = "Zupełnie nowe stanowisko"
        self.page.save_revision().publish()
        self.translate_again()
        self.assertEqual(translated_strings(self.page, "nb"), before)

        # Sync brings in the changed string; every unchanged string keeps its translation.
        self.client.force_login(self.editor)
        source = translation_for(self.page, "nb").source
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("wagtail_localize:update_translations", args=[source.pk]),
                {"locales": [locale("nb").pk]},
            )
        self.assertEqual(response.status_code, 302)
        after = translated_strings(self.page, "nb")
        self.assertLessEqual(before.items(), after.items())
        row = report_row(self.page.title, "nb")
        self.assertEqual((row.state, row.translated), (OUT_OF_DATE, row.total - 1))
        draft = SpeakerPage.objects.get(pk=self.nb_page.pk).get_latest_revision_as_object()
        self.assertEqual(draft.title, self.nb_page.title)
        self.assertEqual(draft.job_title, "Zupełnie nowe stanowisko")  # waits for the translator


class ResyncTests(TestCase):
    def setUp(self):
        self.editor = make_user("ewa", "pl")
        self.page = SpeakerPage.objects.filter(locale__language_code="pl").first()

    def test_resync_after_a_source_change_keeps_every_unchanged_translation(self):
        before = {code: translated_strings(self.page, code) for code in TARGETS}
        live_titles = {
            code: SpeakerPage.objects.get(
                translation_key=self.page.translation_key, locale__language_code=code
            )
            for code in TARGETS
        }
        self.page.job_title = "Nowa funkcja"
        self.page.save_revision().publish()
        self.client.force_login(self.editor)
        source = translation_for(self.page, "nb").source
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("wagtail_localize:update_translations", args=[source.pk]),
                {"locales": [locale(code).pk for code in TARGETS]},
            )
        self.assertEqual(response.status_code, 302)
        source.refresh_from_db()
        for code in TARGETS:
            after = translated_strings(self.page, code)
            # Nothing deleted, nothing rewritten.
            self.assertLessEqual(before[code].items(), after.items(), code)
            current = StringSegment.objects.filter(source=source).annotate_translation(locale(code))
            untranslated = [s.context.path for s in current if s.translation is None]
            self.assertEqual(untranslated, ["job_title"], code)
            target = SpeakerPage.objects.get(pk=live_titles[code].pk)
            # The live page keeps its reviewed text; the draft has every unchanged translation.
            self.assertEqual(target.title, live_titles[code].title, code)
            self.assertEqual(target.get_latest_revision_as_object().title, live_titles[code].title, code)

        # Translating the changed string brings the page up to date; the old strings are still used.
        translator = make_user("nora", "nb")
        self.client.force_login(translator)
        self.assertEqual(translate_all(self.client, translation_for(self.page, "nb")), 1)
        self.assertEqual(report_row(self.page.title, "nb").state, UP_TO_DATE)
        self.assertLessEqual(before["nb"].items(), translated_strings(self.page, "nb").items())
