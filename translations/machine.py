"""Machine translation routed per target language.

wagtail-localize takes one backend (``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``).
DeepL has no Icelandic, so this translator sends each target language to the
service configured for it (``OPTIONS["ROUTES"]``) and offers nothing for a
language that has no service. Settings build the routes from the environment
(see ``build_routes`` and docs/editors.md).

Every backend here talks HTTP through ``requests``, so tests fake the boundary
with the ``responses`` library.
"""

import requests
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.machine_translators.libretranslate import LibreTranslator
from wagtail_localize.strings import StringValue


class MachineTranslationError(Exception):
    """The service could not be reached or gave an answer we cannot use."""


def base_language(code):
    return code.split("-")[0].lower()


class EuropeanDeepLTranslator(DeepLTranslator):
    """DeepL, asking for British English: DeepL deprecates the bare ``EN`` target."""

    TARGETS = {"en": "EN-GB", "nb": "NB"}

    def get_parameters(self, source_locale, target_locale, strings):
        parameters = super().get_parameters(source_locale, target_locale, strings)
        target = self.TARGETS.get(base_language(target_locale.language_code))
        if target:
            parameters["target_lang"] = target
        return parameters

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        response = requests.post(
            self.get_api_endpoint(),
            self.get_parameters(source_locale, target_locale, strings),
            timeout=int(self.options.get("TIMEOUT", 30)),
            headers=self.get_headers(),
        )
        response.raise_for_status()
        texts = [item["text"] for item in response.json()["translations"]]
        return _pair(strings, texts)


class LibreTranslateTranslator(LibreTranslator):
    """wagtail-localize's LibreTranslate backend with this site's options.

    ``URL`` (self-hosted or libretranslate.com), an optional ``API_KEY`` and
    ``TIMEOUT``; an answer with a different number of texts than were sent is
    reported as such.
    """

    def __init__(self, options):
        super().__init__({"API_KEY": "", **options})

    def get_api_endpoint(self):
        return self.options["URL"].rstrip("/")

    def get_timeout(self):
        return int(self.options.get("TIMEOUT", 30))

    def language_code(self, code):
        return base_language(code)

    def translate(self, source_locale, target_locale, strings):
        try:
            return super().translate(source_locale, target_locale, list(strings))
        except requests.RequestException:
            raise
        except ValueError as error:  # wagtail-localize pairs strings and texts with zip(strict=True)
            raise MachineTranslationError(
                gettext("the service returned a different number of translations")
            ) from error


class GoogleTranslateTranslator(BaseMachineTranslator):
    """Google Cloud Translation, basic edition (v2 REST API with an API key).

    wagtail-localize's own Google backend needs the google-cloud-translate client
    and a service account; the REST API needs only ``requests`` and a key. The key
    goes in the ``X-goog-api-key`` header, never in the URL, so it cannot appear
    in an error message or a proxy's log.
    """

    display_name = "Google Translate"
    ENDPOINT = "https://translation.googleapis.com/language/translate/v2"

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        response = requests.post(
            self.ENDPOINT,
            headers={"X-goog-api-key": self.options["API_KEY"]},
            json={
                "q": [s.data for s in strings],
                "source": base_language(source_locale.language_code),
                "target": base_language(target_locale.language_code),
                "format": "html",
            },
            timeout=int(self.options.get("TIMEOUT", 30)),
        )
        response.raise_for_status()
        texts = [item["translatedText"] for item in response.json()["data"]["translations"]]
        return _pair(strings, texts)

    def can_translate(self, source_locale, target_locale):
        return base_language(source_locale.language_code) != base_language(target_locale.language_code)


def _pair(strings, texts):
    if not isinstance(texts, list) or len(texts) != len(strings):
        raise MachineTranslationError(gettext("the service returned a different number of translations"))
    return {string: StringValue(text) for string, text in zip(strings, texts, strict=True)}


class RoutingMachineTranslator(BaseMachineTranslator):
    """One backend per target language: ``OPTIONS = {"ROUTES": {"nb": {"CLASS": ..., "OPTIONS": {...}}}}``.

    ``display_name`` is the name of the backend chosen by the last
    ``can_translate``/``translate`` call, so wagtail-localize records which
    service made each machine translation (``StringTranslation.tool_name``).
    """

    default_display_name = _("Machine translation")

    def __init__(self, options):
        super().__init__(options)
        self.routes = {base_language(code): route for code, route in options.get("ROUTES", {}).items()}
        self._backends = {}
        self._current = None

    @property
    def display_name(self):
        return self._current.display_name if self._current else self.default_display_name

    def backend_for(self, target_locale):
        code = base_language(target_locale.language_code)
        route = self.routes.get(code)
        if route is None:
            return None
        if code not in self._backends:
            self._backends[code] = import_string(route["CLASS"])(route.get("OPTIONS", {}))
        return self._backends[code]

    def can_translate(self, source_locale, target_locale):
        backend = self.backend_for(target_locale)
        self._current = backend
        return backend is not None and backend.can_translate(source_locale, target_locale)

    def translate(self, source_locale, target_locale, strings):
        backend = self.backend_for(target_locale)
        if backend is None:
            raise MachineTranslationError(f"No machine translation for {target_locale.language_code}.")
        self._current = backend
        try:
            return backend.translate(source_locale, target_locale, strings)
        except MachineTranslationError:
            raise
        except (requests.RequestException, ValueError, KeyError, TypeError) as error:
            raise MachineTranslationError(describe_error(error, backend.options)) from error


SECRET_OPTIONS = ("API_KEY", "AUTH_KEY")


def describe_error(error, options):
    """A short message for the editor about a failed call: no URL, no key, the service's own reason."""
    response = getattr(error, "response", None)
    if response is not None:
        message = gettext("the service answered with HTTP status %(status)s") % {
            "status": response.status_code
        }
        detail = _service_detail(response)
        if detail:
            message = f"{message} ({detail})"
    elif isinstance(error, requests.Timeout):
        message = gettext("the service did not answer in time")
    elif isinstance(error, requests.RequestException):
        message = gettext("the service could not be reached")
    else:
        message = gettext("the service gave an answer that cannot be used")
    for name in SECRET_OPTIONS:
        secret = str(options.get(name) or "")
        if secret:
            message = message.replace(secret, "***")
    return message[:300]


def _service_detail(response):
    """The reason the service gives in its JSON error body (Google, DeepL, LibreTranslate), if any."""
    try:
        data = response.json()
    except ValueError:
        return ""
    if not isinstance(data, dict):
        return ""
    error = data.get("error")
    if isinstance(error, dict):
        error = error.get("message")
    detail = error or data.get("message") or ""
    return str(detail)[:200] if isinstance(detail, str | int) else ""
