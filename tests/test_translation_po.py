"""PO round trip, and every bad upload gives a clear message and changes nothing."""

import polib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from events.models import SeminarPage, SpeakerPage

from .translation_helpers import make_user, translation_for


class POFileTests(TestCase):
    def setUp(self):
        self.page = SpeakerPage.objects.filter(locale__language_code="pl").first()
        self.translation = translation_for(self.page, "nb")
        self.client.force_login(make_user("nora", "nb"))

    def snapshot(self):
        return sorted(
            StringTranslation.objects.filter(locale__language_code="nb").values_list(
                "id", "data", "translation_type"
            )
        )

    def download(self):
        response = self.client.get(reverse("wagtail_localize:download_pofile", args=[self.translation.pk]))
        self.assertEqual(response.status_code, 200)
        return polib.pofile(response.content.decode())

    def upload(self, content, name="page.po"):
        url = reverse("wagtail_localize:upload_pofile", args=[self.translation.pk])
        data = {"file": SimpleUploadedFile(name, content)} if content is not None else {}
        return self.client.post(url, data, follow=True)

    def test_round_trip(self):
        po = self.download()
        self.assertEqual(po.metadata["X-WagtailLocalize-TranslationID"], str(self.translation.uuid))
        for entry in po:
            entry.msgstr = f"PO {entry.msgid}"
        response = self.upload(str(po).encode())
        self.assertContains(response, "Imported")
        stored = StringTranslation.objects.filter(
            locale__language_code="nb", context__object_id=self.translation.source.object_id
        )
        # Every string comes from the file; a slug as an ASCII slug (translations/slugs.py).
        self.assertTrue(all(t.data.startswith("PO ") or t.data.startswith("po-") for t in stored))
        self.assertEqual({t.data.startswith("po-") for t in stored if t.context.path == "slug"}, {True})

    def assert_refused(self, content, message, name="page.po"):
        before = self.snapshot()
        response = self.upload(content, name)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        self.assertEqual(self.snapshot(), before)

    def test_missing_file(self):
        self.assert_refused(None, "Choose a PO file to upload.")

    def test_binary_file(self):
        self.assert_refused(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not a UTF-8 text file")

    def test_empty_file(self):
        self.assert_refused(b"", "The file is empty or is not a PO file.")

    def test_garbage_text(self):
        self.assert_refused(b'msgid "unterminated\nmsgstr ', "not a valid PO file")

    def test_a_file_name_instead_of_content(self):
        # polib.pofile() would open a path given as content; the upload is never treated as one.
        self.assert_refused(b"/etc/passwd", "not a valid PO file")

    def test_the_answer_does_not_tell_which_files_exist_on_the_server(self):
        """Content naming an existing file and a missing one get the same answer, without the path."""

        def messages_for(content):
            response = self.upload(content)
            return [str(m) for m in response.context["messages"]]

        existing = messages_for(b"/etc/passwd")
        missing = messages_for(b"/no/such/file/anywhere")
        self.assertEqual(existing, missing)
        self.assertTrue(existing)
        self.assertNotIn("/etc/passwd", " ".join(existing))
        self.assertNotIn(".po (line", " ".join(existing))  # nor the temporary file polib read

    def test_no_translation_id(self):
        po = self.download()
        del po.metadata["X-WagtailLocalize-TranslationID"]
        self.assert_refused(str(po).encode(), "has no translation ID")

    def test_another_language(self):
        po = polib.pofile(str(translation_for(self.page, "is").export_po()))
        for entry in po:
            entry.msgstr = "x"
        self.assert_refused(str(po).encode(), "for the Íslenska translation")

    def test_another_page(self):
        other = SeminarPage.objects.get(locale__language_code="pl")
        po = polib.pofile(str(translation_for(other, "nb").export_po()))
        self.assert_refused(str(po).encode(), "not this page")

    def test_strings_that_no_longer_exist(self):
        po = self.download()
        po.append(polib.POEntry(msgid="Tekst, którego już nie ma", msgctxt="job_title", msgstr="Borte"))
        self.assert_refused(str(po).encode(), "no longer in the source")

    def test_translator_of_another_language_cannot_upload_or_download(self):
        from .translation_helpers import assert_denied, db_state

        self.client.force_login(make_user("ina", "is"))
        before = db_state()
        assert_denied(
            self.client.get(reverse("wagtail_localize:download_pofile", args=[self.translation.pk])), before
        )
        before = self.snapshot()
        state = db_state()
        assert_denied(
            self.client.post(
                reverse("wagtail_localize:upload_pofile", args=[self.translation.pk]),
                {"file": SimpleUploadedFile("x.po", str(self.translation.export_po()).encode())},
            ),
            state,
        )
        self.assertEqual(self.snapshot(), before)
