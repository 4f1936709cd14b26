"""Per-language teams: every role against every language, and the admin in each editor's language."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment

from events.models import Organisation, SpeakerPage
from translations.teams import team_name

from .translation_helpers import assert_denied, make_user, put_string, translation_for

pytestmark = pytest.mark.django_db
ROLES = ["pl", "nb", "is", "en"]
TARGETS = ["nb", "is", "en"]


def client_for(role):
    client = Client()
    client.force_login(make_user(f"user-{role}", role))
    return client


def test_the_data_migration_created_one_team_per_language():
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {team_name(code) for code in ROLES} <= names
    assert team_name("pl") == "Polish editors" and team_name("nb") == "Norwegian translators"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", ROLES)
def test_page_editing_only_in_the_own_language(role, language):
    client = client_for(role)
    page = SpeakerPage.objects.filter(locale__language_code=language).first()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if role == language:
        assert response.status_code == 200
    else:
        assert_denied(response)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", TARGETS)
def test_translating_strings_only_into_the_own_language(role, language):
    client = client_for(role)
    source_page = SpeakerPage.objects.filter(locale__language_code="pl").first()
    translation = translation_for(source_page, language)
    segment = StringSegment.objects.filter(source=translation.source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = put_string(client, url, "x")
    assert (response.status_code == 200) == (role == language), response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", ROLES)
def test_organisations_only_in_the_own_language(role, language):
    client = client_for(role)
    organisation = Organisation.objects.filter(locale__language_code=language).first()
    response = client.get(reverse("wagtailsnippets_events_organisation:edit", args=[organisation.pk]))
    if role == language:
        assert response.status_code == 200
    else:
        assert_denied(response)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("language", ROLES)
def test_publishing(role, language, django_capture_on_commit_callbacks):
    """Polish editors publish Polish pages; translators publish only through review; nobody elsewhere."""
    client = client_for(role)
    page = SpeakerPage.objects.filter(locale__language_code=language).first()
    page.save_revision()
    if role == language == "pl":
        # Wagtail's own edit form publishes (tests/test_translation_cycle.py posts it in full).
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username="user-pl")
        assert page.permissions_for_user(user).can_publish()
        return
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})
    page.refresh_from_db()
    if role == language:
        assert response.status_code == 302
        assert "/translations/review/" in response["Location"]
        assert page.has_unpublished_changes
    else:
        assert_denied(response)
        assert page.has_unpublished_changes


@pytest.mark.parametrize("role", ROLES)
def test_only_polish_editors_submit_and_sync(role):
    client = client_for(role)
    page = SpeakerPage.objects.filter(locale__language_code="pl").first()
    source = translation_for(page, "nb").source
    submit = client.get(reverse("wagtail_localize:submit_page_translation", args=[page.pk]))
    sync = client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))
    if role == "pl":
        assert sync.status_code == 200
        assert submit.status_code in (200, 302)
    else:
        assert_denied(submit)
        assert_denied(sync)


@pytest.mark.parametrize("role", ROLES)
def test_only_polish_editors_create_pages(role):
    client = client_for(role)
    index = (
        Page.objects.get(locale__language_code="pl", depth=3, slug="prelegenci")
        if Page.objects.filter(locale__language_code="pl", depth=3, slug="prelegenci").exists()
        else SpeakerPage.objects.filter(locale__language_code="pl").first().get_parent()
    )
    response = client.get(reverse("wagtailadmin_pages:add", args=["events", "speakerpage", index.pk]))
    if role == "pl":
        assert response.status_code == 200
    else:
        assert_denied(response)


@pytest.mark.parametrize(
    ("code", "text"),
    [("is", "Hoppa yfir í aðal efni"), ("nb", "Logg ut"), ("en", "Log out"), ("pl", "Wyloguj się")],
)
def test_the_admin_speaks_the_users_language(code, text):
    from wagtail.users.models import UserProfile

    client = Client()
    user = make_user(f"lang-{code}", "pl")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    assert text in html or text.encode("unicode_escape").decode().replace("\\x", "\\u00") in html
