"""Per-language teams: every role against every language, and the admin in each editor's language."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment

from events.models import Organisation, SpeakerPage
from translations.teams import team_name

from .admin_forms import speaker_form
from .translation_helpers import assert_denied, db_state, make_user, put_string, translation_for

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
    before = db_state()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    if role == language:
        assert response.status_code == 200
    else:
        assert_denied(response, before)


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
    before = db_state()
    response = client.get(reverse("wagtailsnippets_events_organisation:edit", args=[organisation.pk]))
    if role == language:
        assert response.status_code == 200
    else:
        assert_denied(response, before)


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
    before = db_state()
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})
    page.refresh_from_db()
    if role == language:
        assert response.status_code == 302
        assert "/translations/review/" in response["Location"]
        assert page.has_unpublished_changes
    else:
        assert_denied(response, before)
        assert page.has_unpublished_changes


@pytest.mark.parametrize("role", ROLES)
def test_only_polish_editors_submit_and_sync(role):
    client = client_for(role)
    page = SpeakerPage.objects.filter(locale__language_code="pl").first()
    source = translation_for(page, "nb").source
    before = db_state()
    submit = client.get(reverse("wagtail_localize:submit_page_translation", args=[page.pk]))
    sync = client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))
    if role == "pl":
        assert sync.status_code == 200
        assert submit.status_code in (200, 302)
    else:
        assert_denied(submit, before)
        assert_denied(sync, before)


@pytest.mark.parametrize("role", ROLES)
def test_only_polish_editors_create_pages(role):
    client = client_for(role)
    index = (
        Page.objects.get(locale__language_code="pl", depth=3, slug="prelegenci")
        if Page.objects.filter(locale__language_code="pl", depth=3, slug="prelegenci").exists()
        else SpeakerPage.objects.filter(locale__language_code="pl").first().get_parent()
    )
    url = reverse("wagtailadmin_pages:add", args=["events", "speakerpage", index.pk])
    before = db_state()
    response = client.post(url, speaker_form(title="Nowa Osoba", slug="nowa-osoba"))
    if role == "pl":
        assert response.status_code == 302
        assert SpeakerPage.objects.filter(slug="nowa-osoba", locale__language_code="pl").exists()
    else:
        assert_denied(response, before)


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


DE_LANGUAGES = [
    ("pl", "Polski"),
    ("nb", "Norsk bokmål"),
    ("is", "Íslenska"),
    ("en", "English"),
    ("de", "Deutsch"),
]


def add_german():
    """A new locale and the root of its tree, as a coordinator would add them."""
    from wagtail.models import Locale

    from home.models import HomePage

    de = Locale.objects.create(language_code="de")
    home = HomePage.objects.get(locale__language_code="pl", depth=2)
    de_home = home.copy_for_translation(de)
    return de, de_home


@pytest.mark.django_db
def test_a_new_locale_gets_its_team_permissions_and_review_workflow(settings):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    from translations.review import workflow_name

    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = DE_LANGUAGES
    de, de_home = add_german()
    group = Group.objects.get(name="German translators")
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=de_home).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"change_page", "lock_page"}
    assert set(group.permissions.values_list("codename", flat=True)) >= {
        "access_admin",
        "change_organisation",
    }
    # Only its own tree.
    assert not GroupPagePermission.objects.filter(group=group).exclude(page=de_home).exists()
    workflow = de_home.get_workflow()
    assert workflow is not None and workflow.name == workflow_name("de") and workflow.active

    # A German translator edits German pages only.
    client = Client()
    client.force_login(make_user("greta", "de"))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[de_home.pk])).status_code == 200
    pl_home = Page.objects.get(locale__language_code="pl", depth=2)
    before = db_state()
    assert_denied(client.get(reverse("wagtailadmin_pages:edit", args=[pl_home.pk])), before)


def delete_german_through_the_admin(de, de_home):
    """Delete the tree, then the locale with wagtail-localize's locale view, as a superuser."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    de_home.delete()
    admin = get_user_model().objects.create_superuser("root", password="pw")
    # The messages below are read in English: give the administrator the English admin.
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(admin)
    url = reverse("wagtaillocales:delete", args=[de.pk])
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    return confirmation


@pytest.mark.django_db
def test_deleting_a_locale_whose_team_has_members_keeps_the_group_without_permissions(settings):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Locale, Workflow

    from translations.review import workflow_name

    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = DE_LANGUAGES
    de, de_home = add_german()
    greta = make_user("greta", "de")
    confirmation = delete_german_through_the_admin(de, de_home)
    html = confirmation.content.decode()
    assert "German translators" in html and "has 1 member, so it is kept" in html
    assert not Locale.objects.filter(language_code="de").exists()
    group = Group.objects.get(name="German translators")
    assert greta.groups.filter(pk=group.pk).exists()
    assert not group.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not GroupCollectionPermission.objects.filter(group=group).exists()
    assert not Workflow.objects.get(name=workflow_name("de")).active
    # Greta can no longer reach the admin.
    client = Client()
    client.force_login(greta)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    # Adding German again gives the kept group its permissions and workflow back.
    de, de_home = add_german()
    assert Group.objects.filter(name="German translators").count() == 1
    assert GroupPagePermission.objects.filter(group=group, page=de_home).count() == 2
    assert de_home.get_workflow().active
    assert client.get(reverse("wagtailadmin_pages:edit", args=[de_home.pk])).status_code == 200


@pytest.mark.django_db
def test_deleting_a_locale_whose_team_is_empty_deletes_the_group(settings):
    from django.contrib.auth.models import Group

    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = DE_LANGUAGES
    de, de_home = add_german()
    confirmation = delete_german_through_the_admin(de, de_home)
    assert "has no members and is deleted with the locale" in confirmation.content.decode()
    assert not Group.objects.filter(name="German translators").exists()
    # The other teams are untouched.
    assert Group.objects.get(name="Norwegian translators").permissions.exists()
