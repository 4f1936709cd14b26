"""Contracts of translations/compat.py with the installed Django, polib and wagtail-localize.

Each workaround is tested twice: that it is in place, and that upstream still behaves the way
the workaround assumes. When an "upstream" test fails after an upgrade, the workaround may no
longer be needed: read the note in compat.py and delete what upstream now does itself.
"""

import gettext
import inspect
import tempfile

import polib
import pytest
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.translation import trans_real

from translations import compat
from translations.wagtail_hooks import LOCALIZE_GUARDS

# --- 1. English fallback ---------------------------------------------------------------------


def test_django_still_falls_back_to_the_default_language():
    """Upstream: Django's fallback is the LANGUAGE_CODE catalogue (why compat removes it)."""
    assert "LANGUAGE_CODE" in inspect.getsource(compat.DJANGO_ADD_FALLBACK)


def test_no_catalogue_falls_back_to_polish():
    for code in ("nb", "is", "en"):
        assert trans_real.translation(code)._fallback is None, code
    with translation.override("nb"):
        # A message that only Polish has: the English msgid, not the Polish text.
        assert translation.gettext("Bilateral Initiative 2024–2025") != "Inicjatywa Bilateralna 2024-2025"


def test_python_gettext_finds_wagtails_is_IS_and_nb_NO_folders():
    """Why no alias patch is needed: Python expands is and nb to Wagtail's folder names."""
    assert "is_IS" in gettext._expand_lang("is")
    assert "nb_NO" in gettext._expand_lang("nb")


# --- 3. PO files ---------------------------------------------------------------------------------


def test_polib_still_opens_a_path_given_as_content():
    """Upstream: polib.pofile(text) reads a file when text names one (why compat never passes text)."""
    with tempfile.NamedTemporaryFile("w", suffix=".po", delete=False) as handle:
        handle.write('msgid "from the disk"\nmsgstr "z dysku"\n')
    po = polib.pofile(handle.name)
    assert [e.msgid for e in po] == ["from the disk"]
    # ... while our parser sees the path as (invalid) content.
    with pytest.raises(ValueError):
        compat.parse_po_bytes(handle.name.encode())


def test_an_upload_is_parsed_from_its_bytes():
    po = compat.parse_po_bytes(b'msgid "a"\nmsgstr "b"\n')
    assert [(e.msgid, e.msgstr) for e in po] == [("a", "b")]


# --- 4. wagtail-localize's URLs ------------------------------------------------------------------


def _concrete(route):
    """A path for a route pattern such as ``translate/<int:translation_id>/disable/``."""
    import re

    route = re.sub(r"<int:[^>]+>", "1", route)
    route = re.sub(r"<(str|slug):[^>]+>", "x", route)
    return route


def test_every_wagtail_localize_route_is_served_by_a_guarded_view():
    for pattern in compat.localize_url_patterns():
        match = resolve("/admin/localize/" + _concrete(str(pattern.pattern)))
        assert match.namespace == "translations_guarded", pattern.name
        assert getattr(match.func, "policy_guard", None) is LOCALIZE_GUARDS.get(pattern.name), pattern.name


def test_every_wagtail_localize_route_has_a_named_guard():
    """A route added upstream is refused to everyone but superusers until it is named here."""
    names = {pattern.name for pattern in compat.localize_url_patterns()}
    assert names == set(LOCALIZE_GUARDS), names ^ set(LOCALIZE_GUARDS)


def test_reversing_wagtail_localize_names_gives_the_guarded_paths():
    url = reverse("wagtail_localize:stop_translation", args=[1])
    assert resolve(url).namespace == "translations_guarded"


# --- The admin is never language-prefixed --------------------------------------------------------


@pytest.mark.django_db
def test_django_still_prefixes_a_404_under_admin():
    """Upstream: Django's LocaleMiddleware redirects /admin/... 404s to /pl/admin/... (why home's exists)."""
    from django.http import HttpResponseNotFound
    from django.middleware.locale import LocaleMiddleware

    request = RequestFactory().get("/admin/api/main/pages/999999/")
    middleware = LocaleMiddleware(lambda r: HttpResponseNotFound())
    response = middleware(request)
    assert response.status_code == 302 and response["Location"].startswith("/pl/admin/")


@pytest.mark.django_db
def test_the_admin_api_404_is_not_redirected(admin_client):
    response = admin_client.get("/admin/api/main/pages/999999/")
    assert response.status_code == 404


# --- 2. Draft saving -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_wagtail_localize_still_takes_a_live_snippet_offline_when_saving_a_draft(
    django_capture_on_commit_callbacks,
):
    """Upstream: save_target(publish=False) sets live=False on a draftable snippet (why compat exists)."""
    from events.models import Organisation

    from .translation_helpers import translation_for

    nb = Organisation.objects.filter(locale__language_code="nb", live=True).first()
    translation = translation_for(nb.get_translation(nb.locale.get_default()), "nb")
    translation.save_target(publish=False)
    nb.refresh_from_db()
    assert not nb.live


@pytest.mark.django_db
def test_saving_a_draft_keeps_the_live_version():
    from events.models import Organisation, SpeakerPage

    from .translation_helpers import translation_for

    for model in (Organisation, SpeakerPage):
        live = model.objects.filter(locale__language_code="nb", live=True).first()
        live_revision_id = live.live_revision_id
        translation = translation_for(live.get_translation(live.locale.get_default()), "nb")
        saved = compat.save_translation_draft(translation, None)
        live.refresh_from_db()
        assert live.live and live.live_revision_id == live_revision_id, model
        assert live.latest_revision_id == saved.latest_revision_id != live_revision_id, model
        assert live.has_unpublished_changes, model
