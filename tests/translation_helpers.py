"""Users in each language team and small helpers for the translation tests."""

from django.contrib.auth import get_user_model
from django.test.client import encode_multipart
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from translations.report import build_rows
from translations.teams import team_for

ROLES = {"editor": "pl", "nb": "nb", "is": "is", "en": "en"}


def make_user(username, language):
    """A team member whose admin is in English, so tests read the English messages."""
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(team_for(language))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def locale(code):
    return Locale.objects.get(language_code=code)


def translation_for(instance, code):
    source = TranslationSource.objects.get_for_instance(instance)
    return Translation.objects.get(source=source, target_locale__language_code=code)


def translate_all(client, translation, text=lambda s: f"[nb] {s}"):
    """Translate every untranslated string through wagtail-localize's string API, as a translator."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    done = 0
    for segment in segments.annotate_translation(translation.target_locale).filter(translation__isnull=True):
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        response = put_string(client, url, text(segment.string.data))
        assert response.status_code in (200, 201), response.content
        done += 1
    return done


def put_string(client, url, value):
    return client.put(
        url,
        data=encode_multipart("BoUnDaRy", {"value": value}),
        content_type="multipart/form-data; boundary=BoUnDaRy",
    )


def report_row(title, code):
    rows = [r for r in build_rows() if r.title == title and r.language == code]
    assert len(rows) == 1, rows
    return rows[0]


def assert_denied(response):
    """Wagtail's admin answers a PermissionDenied with 403, or a redirect to the dashboard and a message."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]
        levels = [m.level_tag for m in response.wsgi_request._messages]
        assert "error" in levels, levels
    else:
        assert response.status_code in (403, 404), response.status_code
