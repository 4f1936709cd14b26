"""Two editors on one page: the second is warned, and no saved revision is lost.

Wagtail's editor pings the server while it is open (editing sessions): each editor learns who else
has the page open and when someone saved a newer version, and its automatic saves are refused
rather than overwrite that version. A save the editor confirms adds a revision on top: the other
editor's revision stays in the history. A page locked by one editor cannot be saved by another.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Revision

from events.models import SpeakerPage

from .admin_forms import speaker_form
from .translation_helpers import make_user

pytestmark = pytest.mark.django_db


def editor(username, first_name):
    user = make_user(username, "pl")
    user.first_name, user.last_name = first_name, "Redaktor"
    user.save()
    client = Client()
    client.force_login(user)
    return client


def open_editor(client, page):
    """The editor's page: its ping address and the revision it loaded."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    ping_url = re.search(r'data-w-swap-src-value="([^"]+/ping/[^"]+)"', html).group(1)
    loaded = {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }
    return ping_url.replace("&amp;", "&"), loaded


def ping(client, ping_url, loaded):
    response = client.post(
        ping_url,
        {
            "is_editing": "1",
            "revision_id": loaded["loaded_revision_id"],
            "revision_created_at": loaded["loaded_revision_created_at"],
        },
    )
    assert response.status_code == 200
    return response.json()


def save(client, page, loaded, title, **headers):
    data = speaker_form(title=title, slug=page.slug, family_name=page.family_name, **loaded)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, headers=headers)


def test_the_second_editor_is_warned_and_no_revision_is_lost():
    page = SpeakerPage.objects.filter(locale__language_code="pl").order_by("path").first()
    anna, bjorn = editor("anna", "Anna"), editor("bjorn", "Bjørn")
    anna_ping, anna_loaded = open_editor(anna, page)
    bjorn_ping, bjorn_loaded = open_editor(bjorn, page)
    assert anna_loaded == bjorn_loaded

    # Both have the page open: each sees the other.
    ping(anna, anna_ping, anna_loaded)
    seen_by_bjorn = ping(bjorn, bjorn_ping, bjorn_loaded)
    assert [(s["user"], s["is_editing"]) for s in seen_by_bjorn["other_sessions"]] == [
        ("Anna Redaktor", True)
    ]
    assert "Anna Redaktor" in seen_by_bjorn["html"]

    # Anna saves. Bjørn's editor is told that a newer version exists, and by whom.
    assert save(anna, page, anna_loaded, "Wersja Anny").status_code == 302
    annas = Revision.page_revisions.filter(object_id=str(page.pk)).latest("created_at")
    assert annas.user.username == "anna" and annas.content["title"] == "Wersja Anny"
    warning = ping(bjorn, bjorn_ping, bjorn_loaded)["other_sessions"][0]
    assert warning["user"] == "Anna Redaktor" and warning["revision_id"] == annas.pk

    # Bjørn's editor's automatic save would overwrite Anna's version: refused, nothing saved.
    count = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    refused = save(bjorn, page, bjorn_loaded, "Wersja Bjørna", accept="application/json")
    assert refused.status_code == 400
    assert refused.json()["error_code"] == "invalid_revision"
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == count

    # Bjørn saves anyway (he confirmed in the editor): his revision goes on top, Anna's stays.
    assert save(bjorn, page, bjorn_loaded, "Wersja Bjørna").status_code == 302
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("created_at", "pk")
    assert revisions.count() == count + 1
    assert [r.content["title"] for r in revisions][-2:] == ["Wersja Anny", "Wersja Bjørna"]
    assert Revision.objects.get(pk=annas.pk).content["title"] == "Wersja Anny"


def test_a_locked_page_cannot_be_saved_by_another_editor():
    page = SpeakerPage.objects.filter(locale__language_code="pl").order_by("path").first()
    anna, bjorn = editor("anna", "Anna"), editor("bjorn", "Bjørn")
    _ping, bjorn_loaded = open_editor(bjorn, page)
    assert anna.post(reverse("wagtailadmin_pages:lock", args=[page.pk])).status_code == 302
    page.refresh_from_db()
    assert page.locked and page.locked_by.username == "anna"

    count = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    response = save(bjorn, page, bjorn_loaded, "Wersja Bjørna")
    assert response.status_code == 200  # the editor again, with the reason
    assert "locked" in response.content.decode().lower()
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == count
    # Anna, who holds the lock, still saves.
    _ping, anna_loaded = open_editor(anna, page)
    assert save(anna, page, anna_loaded, "Wersja Anny").status_code == 302


def test_a_database_failure_mid_publish_loses_no_saved_revision():
    """The database goes away while a publication is written: a 503, and nothing saved is lost.

    The failure is raised where Wagtail writes the published page (after the new revision was
    saved), as a dropped connection would be. The live page stays as it was, the revisions saved
    before stay, and once the database answers again the same publication goes through.
    """
    from unittest import mock

    from django.db import OperationalError

    page = SpeakerPage.objects.filter(locale__language_code="pl").order_by("path").first()
    live_title, live_revision_id = page.title, page.live_revision_id
    anna = editor("anna", "Anna")
    anna.raise_request_exception = False
    _ping, loaded = open_editor(anna, page)
    assert save(anna, page, loaded, "Szkic Anny").status_code == 302
    draft = Revision.page_revisions.filter(object_id=str(page.pk)).latest("created_at")
    before = set(Revision.page_revisions.filter(object_id=str(page.pk)).values_list("pk", flat=True))

    _ping, loaded = open_editor(anna, page)
    data = speaker_form(title="Opublikowana", slug=page.slug, family_name=page.family_name, **loaded)
    data["action-publish"] = "action-publish"
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    down = OperationalError("server closed the connection unexpectedly")
    target = "wagtail.actions.publish_revision.PublishRevisionAction._publish_revision"
    with mock.patch(target, side_effect=down):
        response = anna.post(url, data)
    assert response.status_code == 503 and response["Retry-After"]

    page.refresh_from_db()
    assert (page.title, page.live_revision_id) == (live_title, live_revision_id)
    after = set(Revision.page_revisions.filter(object_id=str(page.pk)).values_list("pk", flat=True))
    assert before <= after  # every revision saved before is still there
    assert Revision.objects.get(pk=draft.pk).content["title"] == "Szkic Anny"
    # What the editor sent is kept too, as the newest revision (saved before the publish step).
    (kept,) = after - before
    assert Revision.objects.get(pk=kept).content["title"] == "Opublikowana"

    # The database is back: the same publication succeeds, on top of the history.
    _ping, loaded = open_editor(anna, page)
    data.update(loaded)
    assert anna.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.title == "Opublikowana" and page.live
    assert before <= set(Revision.page_revisions.filter(object_id=str(page.pk)).values_list("pk", flat=True))
