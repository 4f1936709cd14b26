"""The permission matrix of docs/editors.md, cell by cell, against the real admin URLs.

The table is read from the documentation, so the documentation and the behaviour cannot drift
apart. An allowed cell must have its effect; a denied cell must leave the database exactly as
it was (``db_state()``, tests/translation_helpers.py), whatever the response.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from events.models import Organisation, SpeakerPage
from translations.policy import COORDINATORS

from .admin_forms import speaker_form
from .translation_helpers import db_state, locale, make_user, put_string

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parent.parent / "docs" / "editors.md"
ROLE_COLUMNS = {
    "Polish editor": "pl",
    "Norwegian translator": "nb",
    "Icelandic translator": "is",
    "Coordinator": "coordinator",
    "Superuser": "superuser",
}


def read_matrix():
    """``{action: (languages, {role: allowed languages})}`` from the table in docs/editors.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Permission matrix") :]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    roles = header[2:]
    matrix = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        action, languages = cells[0], cells[1].split()
        matrix[action] = (
            languages,
            {
                ROLE_COLUMNS[role]: set(cell.split()) - {"—"}
                for role, cell in zip(roles, cells[2:], strict=True)
            },
        )
    return matrix


MATRIX = read_matrix()


def user_for(role):
    if role == "superuser":
        return get_user_model().objects.create_superuser("matrix-admin", password="pw")
    if role == "coordinator":
        user = get_user_model().objects.create_user("matrix-coordinator", password="pw")
        user.groups.add(Group.objects.get(name=COORDINATORS))
        return user
    return make_user(f"matrix-{role}", role)


def speaker(code):
    return SpeakerPage.objects.filter(locale__language_code=code, live=True).order_by("path").first()


def translation_of(page):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=page.locale.language_code
    )


def submitted_by_colleague(page):
    """``page`` submitted for review by another member of its team; returns the approve URL."""
    colleague = make_user(f"colleague-{page.locale.language_code}", page.locale.language_code)
    client = Client()
    client.force_login(colleague)
    response = client.post(
        reverse("translations:submit_for_review", args=[translation_of(page).pk]), {"submit": "1"}
    )
    assert response.status_code == 302, response
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def with_draft(page):
    page.title = f"{page.title} (draft)"
    page.save_revision()
    page.refresh_from_db()
    return page


# --- One function per row: (client, language) -> a check of the effect -------------------------


def open_editor(client, code, ready):
    page = speaker(code)
    ready()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return lambda: response.status_code == 200


def translate_string(client, code, ready, obj=None):
    translation = translation_of(obj or speaker(code))
    segment = StringSegment.objects.filter(source=translation.source).order_by("order").first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    ready()
    put_string(client, url, "Matrix text")
    return lambda: StringTranslation.objects.filter(data="Matrix text", locale__language_code=code).exists()


def save_translation_draft(client, code, ready):
    page = speaker(code)
    before = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    ready()
    client.post(reverse("translations:submit_for_review", args=[translation_of(page).pk]), {"save": "1"})
    return lambda: Revision.page_revisions.filter(object_id=str(page.pk)).count() == before + 1


def submit_for_review(client, code, ready):
    page = speaker(code)
    ready()
    client.post(reverse("translations:submit_for_review", args=[translation_of(page).pk]), {"submit": "1"})
    return lambda: WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()


def approve(client, code, ready):
    page = with_draft(speaker(code))
    url = submitted_by_colleague(page)
    ready()
    client.post(url, {"comment": ""})
    return lambda: not WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()


def publish_in_editor(client, code, ready):
    page = speaker(code)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if code == "pl":
        data = speaker_form(title="Opublikowany", slug=page.slug, **{"action-publish": "publish"})
    else:
        with_draft(page)
        data = {"action": "publish"}
    ready()
    client.post(url, data)
    return lambda: Page.objects.get(pk=page.pk).live_revision_id != page.live_revision_id


def bulk_publish(client, code, ready):
    page = with_draft(speaker(code))
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    ready()
    client.post(url, {"include_descendants": ""})
    return lambda: Page.objects.get(pk=page.pk).live_revision_id != page.live_revision_id


def unpublish(client, code, ready):
    page = speaker(code)
    ready()
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    return lambda: not Page.objects.get(pk=page.pk).live


def bulk_unpublish(client, code, ready):
    page = speaker(code)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]) + f"?id={page.pk}"
    ready()
    client.post(url, {"include_descendants": ""})
    return lambda: not Page.objects.get(pk=page.pk).live


def delete_page(client, code, ready):
    page = speaker(code)
    ready()
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    return lambda: not Page.objects.filter(pk=page.pk).exists()


def delete_page_by_api(client, code, ready):
    page = speaker(code)
    ready()
    client.post(
        reverse("wagtailadmin_api:pages:action", args=[page.pk, "delete"]),
        {},
        content_type="application/json",
    )
    return lambda: not Page.objects.filter(pk=page.pk).exists()


def copy_page(client, code, ready):
    page = speaker(code)
    ready()
    client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {"new_title": "Kopia", "new_slug": "matrix-copy", "new_parent_page": page.get_parent().pk},
    )
    return lambda: Page.objects.filter(slug="matrix-copy").exists()


def lock_page(client, code, ready):
    page = speaker(code)
    ready()
    client.post(reverse("wagtailadmin_pages:lock", args=[page.pk]))
    return lambda: Page.objects.get(pk=page.pk).locked


def stop_page_translation(client, code, ready):
    translation = translation_of(speaker(code))
    ready()
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    return lambda: not Translation.objects.get(pk=translation.pk).enabled


def convert_to_alias(client, code, ready):
    page = speaker(code)
    ready()
    client.post(reverse("wagtail_localize:convert_to_alias", args=[page.pk]))
    return lambda: Page.objects.get(pk=page.pk).alias_of_id is not None


def download_po(client, code, ready):
    translation = translation_of(speaker(code))
    ready()
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    return lambda: response.status_code == 200 and b"msgid" in response.content


def upload_po(client, code, ready):
    translation = translation_of(speaker(code))
    po = translation.export_po()
    entry = next(e for e in po if e.msgstr)
    entry.msgstr = "Matrix upload"
    ready()
    client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": _upload(str(po))},
    )
    return lambda: StringTranslation.objects.filter(data="Matrix upload").exists()


def _upload(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("page.po", text.encode("utf-8"), content_type="text/x-gettext-translation")


def send_for_translation(client, code, ready):
    parent = speaker(code).get_parent()
    page = parent.add_child(
        instance=SpeakerPage(title="Nowa Osoba", slug="nowa-osoba", family_name="Osoba", job_title="Radna")
    )
    ready()
    client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [locale("nb").pk]}
    )
    return lambda: SpeakerPage.objects.filter(
        translation_key=page.translation_key, locale=locale("nb")
    ).exists()


def sync(client, code, ready):
    page = speaker(code)
    page.job_title = "Nowe stanowisko"
    page.save_revision().publish()
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    ready()
    client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]), {"locales": [locale("nb").pk]}
    )
    return lambda: StringSegment.objects.filter(source=source, string__data="Nowe stanowisko").exists()


def open_organisation(client, code, ready):
    organisation = Organisation.objects.filter(locale__language_code=code).first()
    ready()
    response = client.get(reverse("wagtailsnippets_events_organisation:edit", args=[organisation.pk]))
    return lambda: response.status_code == 200


def translate_organisation_string(client, code, ready):
    organisation = Organisation.objects.filter(locale__language_code=code).first()
    return translate_string(client, code, ready, organisation)


def stop_organisation_translation(client, code, ready):
    organisation = Organisation.objects.filter(locale__language_code=code).first()
    translation = translation_of(organisation)
    ready()
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    return lambda: not Translation.objects.get(pk=translation.pk).enabled


ACTIONS = {
    "Open a page in the editor": open_editor,
    "Translate a string": translate_string,
    "Save a draft of a translation": save_translation_draft,
    "Submit a translation for review": submit_for_review,
    "Approve a colleague's translation": approve,
    "Publish from the editor": publish_in_editor,
    "Publish (bulk action)": bulk_publish,
    "Unpublish": unpublish,
    "Unpublish (bulk action)": bulk_unpublish,
    "Delete a page": delete_page,
    "Delete a page (admin API)": delete_page_by_api,
    "Copy a page": copy_page,
    "Lock a page": lock_page,
    "Stop a page's translation": stop_page_translation,
    "Convert a translation to an alias": convert_to_alias,
    "Download a PO file": download_po,
    "Upload a PO file": upload_po,
    "Send a page for translation": send_for_translation,
    "Sync translations": sync,
    "Open an organisation": open_organisation,
    "Translate an organisation's string": translate_organisation_string,
    "Stop an organisation's translation": stop_organisation_translation,
}
READ_ONLY = {"Open a page in the editor", "Open an organisation", "Download a PO file"}

CELLS = [
    pytest.param(action, role, code, id=f"{re.sub(r'[^a-z]+', '-', action.lower()).strip('-')}-{role}-{code}")
    for action, (languages, allowed) in MATRIX.items()
    if action in ACTIONS
    for role in allowed
    for code in languages
]


def test_every_row_of_the_matrix_is_tested():
    assert set(MATRIX) == set(ACTIONS) | {"Translation status report"}


@pytest.mark.parametrize(("action", "role", "code"), CELLS)
def test_cell(action, role, code, django_capture_on_commit_callbacks):
    languages, allowed = MATRIX[action]
    client = Client()
    client.force_login(user_for(role))
    before = []
    with django_capture_on_commit_callbacks(execute=True):
        effect = ACTIONS[action](client, code, lambda: before.append(db_state()))
    assert before, "the action never reached its request"
    if code in allowed[role]:
        assert effect(), f"{role} should be able to: {action} ({code})"
    else:
        assert not effect(), f"{role} must not: {action} ({code})"
        assert db_state() == before[0], f"{role} was refused '{action}' ({code}) but the database changed"


@pytest.mark.parametrize("role", list(ROLE_COLUMNS.values()))
def test_status_report_shows_the_matrix_languages(role):
    _languages, allowed = MATRIX["Translation status report"]
    client = Client()
    client.force_login(user_for(role))
    response = client.get(reverse("translations:status_report") + "?export=csv&state=")
    if not allowed[role]:
        assert response.status_code in (302, 403)
        return
    assert response.status_code == 200
    import csv
    import io

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))[1:]
    assert {row[2] for row in rows} == allowed[role]  # the third column is the language code
