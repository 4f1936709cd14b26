"""Machine translation routed per language, with the HTTP boundary faked by `responses`."""

import json

import responses
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, StringTranslation

from events.models import SpeakerPage
from home.slugs import ascii_slug
from translations.machine_settings import build_routes, machine_translator_setting

from .translation_helpers import locale, make_user, put_string, report_row, translation_for

ENV = {
    "DEEPL_API_KEY": "secret:fx",
    "LIBRETRANSLATE_URL": "https://lt.example.org",
    "LIBRETRANSLATE_API_KEY": "k",
}
LANGS = ["pl", "nb", "is", "en"]


def routed(environ=ENV):
    return machine_translator_setting(build_routes(environ, LANGS))


def test_routes_from_the_environment():
    routes = build_routes(ENV, LANGS)
    assert routes["nb"]["CLASS"].endswith("EuropeanDeepLTranslator")
    assert routes["en"]["CLASS"].endswith("EuropeanDeepLTranslator")
    assert routes["is"]["CLASS"].endswith("LibreTranslateTranslator")
    assert "pl" not in routes
    assert build_routes({"GOOGLE_TRANSLATE_API_KEY": "g"}, LANGS).keys() == {"is"}
    assert machine_translator_setting(build_routes({}, LANGS)) is None


def test_base_and_test_settings_offer_no_dummy_translator():
    from django.conf import settings

    setting = settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR
    assert setting is None or "Dummy" not in json.dumps(setting)


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=routed({"DEEPL_API_KEY": "secret:fx"}))
class RoutingTests(TestCase):
    def setUp(self):
        self.page = SpeakerPage.objects.filter(locale__language_code="pl").first()

    def test_a_language_without_a_service_is_not_offered(self):
        translator = get_machine_translator()
        assert translator.can_translate(locale("pl"), locale("nb"))
        assert not translator.can_translate(locale("pl"), locale("is"))
        user = make_user("ina", "is")
        self.client.force_login(user)
        translation = translation_for(self.page, "is")
        response = self.client.post(
            reverse("wagtail_localize:machine_translate", args=[translation.pk]), follow=True
        )
        self.assertContains(response, "No machine translation is configured for this language.")


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=routed())
class MachineTranslateViewTests(TestCase):
    def setUp(self):
        self.page = SpeakerPage.objects.filter(locale__language_code="pl").first()

    def clear(self, code):
        translation = translation_for(self.page, code)
        StringTranslation.objects.filter(
            locale__language_code=code, context__object_id=translation.source.object_id
        ).delete()
        return translation

    def echo(self, key, prefix):
        def callback(request):
            body = request.body.decode() if isinstance(request.body, bytes) else request.body
            if key == "deepl":
                from urllib.parse import parse_qs

                texts = parse_qs(body)["text"]
                return 200, {}, json.dumps({"translations": [{"text": f"{prefix}{t}"} for t in texts]})
            texts = json.loads(body)["q"]
            return 200, {}, json.dumps({"translatedText": [f"{prefix}{t}" for t in texts]})

        return callback

    @responses.activate
    def test_nb_goes_to_deepl_and_is_to_libretranslate_and_stays_marked_as_machine(self):
        responses.add_callback(
            responses.POST, "https://api-free.deepl.com/v2/translate", self.echo("deepl", "NB:")
        )
        responses.add_callback(responses.POST, "https://lt.example.org/translate", self.echo("lt", "IS:"))
        for code, tool in [("nb", "DeepL"), ("is", "LibreTranslate")]:
            user = make_user(f"t-{code}", code)
            self.client.force_login(user)
            translation = self.clear(code)
            total = StringSegment.objects.filter(source=translation.source).count()
            response = self.client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
            self.assertEqual(response.status_code, 302)
            made = StringTranslation.objects.filter(
                locale__language_code=code, context__object_id=translation.source.object_id
            )
            self.assertEqual(made.count(), total)
            self.assertEqual({(t.translation_type, t.tool_name) for t in made}, {("machine", tool)})
            self.assertEqual(report_row(self.page.title, code).machine, total)
        deepl = responses.calls[0].request
        self.assertIn("target_lang=NB", deepl.body)
        self.assertEqual(json.loads(responses.calls[1].request.body)["target"], "is")

        # A person checks one string and saves it: it is no longer a machine translation.
        translation = translation_for(self.page, "is")
        segment = StringSegment.objects.filter(source=translation.source).first()
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        self.assertEqual(put_string(self.client, url, "Staðfest").status_code, 200)
        checked = StringTranslation.objects.get(
            locale__language_code="is", translation_of=segment.string, context=segment.context
        )
        self.assertEqual(checked.translation_type, "manual")

    @responses.activate
    def test_a_failing_service_gives_a_message_and_changes_nothing(self):
        responses.add(
            responses.POST, "https://api-free.deepl.com/v2/translate", status=456, json={"message": "Quota"}
        )
        self.client.force_login(make_user("nils", "nb"))
        translation = self.clear("nb")
        response = self.client.post(
            reverse("wagtail_localize:machine_translate", args=[translation.pk]), follow=True
        )
        self.assertContains(response, "could not translate this page")
        self.assertFalse(
            StringTranslation.objects.filter(
                locale__language_code="nb", context__object_id=translation.source.object_id
            ).exists()
        )

    def test_a_translator_cannot_machine_translate_another_language(self):
        self.client.force_login(make_user("nils", "nb"))
        translation = translation_for(self.page, "en")
        from .translation_helpers import assert_denied, db_state

        before = db_state()
        response = self.client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
        assert_denied(response, before)


GOOGLE_ENV = {"GOOGLE_TRANSLATE_API_KEY": "g-secret-key"}
GOOGLE_URL = "https://translation.googleapis.com/language/translate/v2"


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=routed(GOOGLE_ENV))
class GoogleTranslateTests(TestCase):
    """Icelandic through Google Cloud Translation v2, with the HTTP boundary faked by `responses`."""

    def setUp(self):
        self.page = SpeakerPage.objects.filter(locale__language_code="pl").first()
        self.translation = translation_for(self.page, "is")
        self.stored = StringTranslation.objects.filter(
            locale__language_code="is", context__object_id=self.translation.source.object_id
        )
        self.stored.delete()
        self.client.force_login(make_user("ina", "is"))
        self.url = reverse("wagtail_localize:machine_translate", args=[self.translation.pk])

    @responses.activate
    def test_request_format_key_and_response_parsing(self):
        def callback(request):
            body = json.loads(request.body)
            texts = [f"IS:{text}" for text in body["q"]]
            return 200, {}, json.dumps({"data": {"translations": [{"translatedText": t} for t in texts]}})

        responses.add_callback(responses.POST, GOOGLE_URL, callback, content_type="application/json")
        response = self.client.post(self.url, follow=True)
        self.assertContains(response, "Translated with Google Translate")
        self.assertEqual(len(responses.calls), 1)
        request = responses.calls[0].request
        # The key travels in a header, never in the URL.
        self.assertEqual(request.headers["X-goog-api-key"], "g-secret-key")
        self.assertNotIn("g-secret-key", request.url)
        self.assertEqual(request.url, GOOGLE_URL)
        self.assertTrue(request.headers["Content-Type"].startswith("application/json"))
        body = json.loads(request.body)
        self.assertEqual((body["source"], body["target"], body["format"]), ("pl", "is", "html"))
        sources = set(
            StringSegment.objects.filter(source=self.translation.source).values_list(
                "string__data", flat=True
            )
        )
        self.assertEqual(set(body["q"]), sources)
        made = {t.translation_of.data: t for t in self.stored.select_related("translation_of", "context")}
        self.assertEqual(set(made), sources)
        for source_text, stored in made.items():
            # A slug is stored as an ASCII slug (translations/slugs.py).
            expected = (
                ascii_slug(f"IS:{source_text}") if stored.context.path == "slug" else f"IS:{source_text}"
            )
            self.assertEqual(stored.data, expected)
            self.assertEqual((stored.translation_type, stored.tool_name), ("machine", "Google Translate"))

    @responses.activate
    def test_an_error_gives_a_clear_message_without_the_key_and_changes_nothing(self):
        responses.add(
            responses.POST,
            GOOGLE_URL,
            status=403,
            json={"error": {"code": 403, "message": "Daily Limit Exceeded", "status": "PERMISSION_DENIED"}},
        )
        response = self.client.post(self.url, follow=True)
        self.assertContains(response, "Google Translate could not translate this page")
        self.assertContains(response, "HTTP status 403")
        self.assertContains(response, "Daily Limit Exceeded")
        self.assertContains(response, "Nothing changed")
        self.assertNotContains(response, "g-secret-key")
        self.assertFalse(self.stored.exists())

    @responses.activate
    def test_a_malformed_or_short_answer_changes_nothing(self):
        for payload in [{"data": {}}, {"data": {"translations": [{"translatedText": "bara einn"}]}}, ["x"]]:
            responses.upsert(responses.POST, GOOGLE_URL, json=payload)
            response = self.client.post(self.url, follow=True)
            self.assertContains(response, "could not translate this page", msg_prefix=str(payload))
            self.assertFalse(self.stored.exists(), payload)

    @responses.activate
    def test_an_unreachable_service(self):
        import requests

        responses.add(responses.POST, GOOGLE_URL, body=requests.ConnectionError("connection refused"))
        response = self.client.post(self.url, follow=True)
        self.assertContains(response, "the service could not be reached")
        self.assertFalse(self.stored.exists())
