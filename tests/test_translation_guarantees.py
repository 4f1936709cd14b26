"""Issue 8's findings that the permission matrix does not show cell by cell.

* the status report and its exports show a translator only their languages and no Polish
  draft they cannot open (finding 5);
* Wagtail's catch-all "Editors" and "Moderators" groups give nobody rights on every language
  tree (finding 6).
"""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission, Page

from events.models import SpeakerIndexPage, SpeakerPage
from translations.teams import sync_teams

from .translation_helpers import assert_denied, db_state, make_user

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Tajny szkic strony"


@pytest.fixture
def polish_draft():
    index = SpeakerIndexPage.objects.get(locale__language_code="pl")
    page = index.add_child(
        instance=SpeakerPage(title=DRAFT_TITLE, slug="tajny-szkic", family_name="Szkic", live=False)
    )
    page.save_revision()
    return page


def export(client, fmt):
    response = client.get(reverse("translations:status_report") + f"?export={fmt}&state=")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[1:]
    sheet = load_workbook(io.BytesIO(content)).active
    return [[str(c.value or "") for c in row] for row in sheet.iter_rows(min_row=2)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_translator_exports_only_their_language_and_no_polish_drafts(polish_draft, fmt):
    client = Client()
    client.force_login(make_user("nora", "nb"))
    rows = export(client, fmt)
    assert rows
    assert {row[2] for row in rows} == {"nb"}
    assert not [row for row in rows if DRAFT_TITLE in row[0]]


def test_the_report_page_of_a_translator(polish_draft):
    client = Client()
    client.force_login(make_user("nora", "nb"))
    html = client.get(reverse("translations:status_report")).content.decode()
    assert DRAFT_TITLE not in html
    assert "Íslenska" not in html
    # The language filter offers only Norwegian.
    assert 'value="is"' not in html and 'value="nb"' in html


def test_the_polish_editor_sees_drafts_and_every_language(polish_draft):
    client = Client()
    client.force_login(make_user("ewa", "pl"))
    rows = export(client, "csv")
    assert {row[2] for row in rows} == {"nb", "is", "en"}
    assert [row for row in rows if row[0] == DRAFT_TITLE]


def test_wagtail_localize_report_is_for_coordinators_only():
    client = Client()
    client.force_login(make_user("nora", "nb"))
    before = db_state()
    assert_denied(client.get(reverse("wagtail_localize:translations_report")), before)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtail_localize:translations_report") not in menu


@pytest.mark.parametrize("name", ["Editors", "Moderators"])
def test_wagtails_default_groups_give_no_rights_on_any_tree(name):
    """Even when the group comes back (an old database, a restored dump), migrate strips it."""
    root = Page.get_first_root_node()
    group, _created = Group.objects.get_or_create(name=name)
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.get_or_create(group=group, page=root, permission=change)
    user = make_user(f"member-of-{name}", "nb")
    user.groups.add(group)

    sync_teams()  # what every migrate runs (post_migrate)

    assert not GroupPagePermission.objects.filter(group__name=name).exists()
    client = Client()
    client.force_login(user)
    for code in ("pl", "is"):
        page = SpeakerPage.objects.filter(locale__language_code=code).first()
        before = db_state()
        assert_denied(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])), before)


def test_the_migrated_database_has_no_default_groups_with_page_rights():
    assert not GroupPagePermission.objects.filter(group__name__in=["Editors", "Moderators"]).exists()


def test_a_sync_never_publishes_a_translators_unreviewed_edits():
    """Found in review: a sync republished a complete live translation with strings nobody had read."""
    from wagtail_localize.models import StringSegment, TranslationSource

    from translations.services import sync_translations

    from .translation_helpers import put_string, translation_for

    page = SpeakerPage.objects.filter(locale__language_code="pl", live=True).order_by("path").first()
    nb_page = SpeakerPage.objects.get(translation_key=page.translation_key, locale__language_code="nb")
    old_job_title = nb_page.job_title
    translation = translation_for(page, "nb")
    segment = StringSegment.objects.get(source=translation.source, context__path="job_title")
    client = Client()
    client.force_login(make_user("nora", "nb"))
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    put_string(client, url, "Ulest endring")  # saved in the editor, never submitted

    # A Polish editor changes only a synchronised field, publishes and syncs.
    page.country = "NO" if page.country != "NO" else "IS"
    page.save_revision().publish()
    result = sync_translations(TranslationSource.objects.get_for_instance(page), make_user("ewa", "pl"))

    assert [loc.language_code for loc in result.drafts if loc.language_code == "nb"] == ["nb"]
    nb_page.refresh_from_db()
    assert nb_page.job_title == old_job_title  # visitors still see the reviewed text
    assert nb_page.has_unpublished_changes


def test_wagtails_default_moderators_workflow_is_retired():
    """Found in the browser: "Submit to Moderators approval" for Polish editors, with nobody to approve."""
    from wagtail.models import Workflow, WorkflowPage

    root = Page.get_first_root_node()
    workflow, _created = Workflow.objects.get_or_create(name="Moderators approval", defaults={"active": True})
    workflow.active = True
    workflow.save()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    sync_teams()  # what every migrate runs

    workflow.refresh_from_db()
    assert not workflow.active
    assert not WorkflowPage.objects.filter(page=root).exists()
    polish = SpeakerPage.objects.filter(locale__language_code="pl").first()
    assert polish.get_workflow() is None  # the Polish editors publish directly


def test_after_translate_this_page_the_polish_editor_stays_on_her_page():
    """Found in the browser: wagtail-localize sent her to the new translation's editor (permission error)."""
    from wagtail.models import Locale

    index = SpeakerIndexPage.objects.get(locale__language_code="pl")
    page = index.add_child(instance=SpeakerPage(title="Anna Nowak", slug="anna-nowak", family_name="Nowak"))
    client = Client()
    client.force_login(make_user("ewa", "pl"))
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [Locale.objects.get(language_code="nb").pk]}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    levels = [m.level_tag for m in response.context["messages"]]
    assert levels == ["success"]


def test_a_translator_reads_the_polish_pages_her_translation_links_to():
    """The translation editor shows a linked speaker through the admin API: it waited forever on a 404."""
    speaker = SpeakerPage.objects.filter(locale__language_code="pl", live=True).first()
    client = Client()
    client.force_login(make_user("nora", "nb"))
    response = client.get(f"/admin/api/main/pages/{speaker.pk}/")
    assert response.status_code == 200
    assert response.json()["title"] == speaker.title
    # Reading is not editing.
    before = db_state()
    assert_denied(client.get(reverse("wagtailadmin_pages:edit", args=[speaker.pk])), before)


def test_unpublished_polish_pages_stay_hidden_from_the_admin_api(polish_draft):
    client = Client()
    client.force_login(make_user("nora", "nb"))
    assert client.get(f"/admin/api/main/pages/{polish_draft.pk}/").status_code == 404
