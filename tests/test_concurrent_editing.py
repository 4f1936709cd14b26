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
