"""Users in each language team and small helpers for the translation tests."""

from django.contrib.auth import get_user_model
from django.test.client import encode_multipart
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from translations.report import build_rows
from translations.teams import team_for

ROLES = {"editor": "pl", "nb": "nb", "is": "is", "en": "en"}


def make_user(username, language, admin_language="en", password="pw"):  # noqa: S107 (test accounts)
    """A member of ``language``'s team whose admin speaks ``admin_language``.

    English by default, so tests read the English messages; the browser tests give each user
    their own language and password.
    """
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(username, password=password)
    user.groups.add(team_for(language))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = admin_language
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


def report_row(title, code, type_key=None):
    """The status report's row of ``title`` in ``code`` (``type_key``, e.g. "home.homepage", when
    two objects share a title, like the home and project pages, both named after the programme)."""
    rows = [
        r for r in build_rows() if r.title == title and r.language == code and type_key in (None, r.type_key)
    ]
    assert len(rows) == 1, rows
    return rows[0]


def db_state():
    """A fingerprint of everything an admin action could change (pages, revisions, strings, workflows)."""
    import hashlib

    from wagtail.models import Revision, WorkflowState
    from wagtail_localize.models import StringTranslation

    from events.models import Organisation

    parts = [
        list(
            Page.objects.order_by("pk").values_list(
                "pk",
                "path",
                "live",
                "title",
                "locked",
                "latest_revision_id",
                "live_revision_id",
                "alias_of_id",
            )
        ),
        Revision.objects.count(),
        list(StringTranslation.objects.order_by("pk").values_list("pk", "data")),
        list(Translation.objects.order_by("pk").values_list("pk", "enabled")),
        TranslationSource.objects.count(),
        list(Organisation.objects.order_by("pk").values_list("pk", "name", "locale_id", "live")),
        list(WorkflowState.objects.order_by("pk").values_list("pk", "status")),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def assert_denied(response, before):
    """Refused, and nothing changed: ``before`` is ``db_state()`` taken before the request.

    Wagtail's admin answers a PermissionDenied with 403, or a redirect to the dashboard and a message.
    """
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]
        levels = [m.level_tag for m in response.wsgi_request._messages]
        assert "error" in levels, levels
    else:
        assert response.status_code in (403, 404), response.status_code
    assert db_state() == before, "the request was refused but the database changed"


def bulk_add_speakers(count, prefix="Osoba"):
    """``count`` live Polish speaker pages under the speaker index, without revisions, in a few queries.

    treebeard's ``add_child`` costs a dozen queries a page; here the tree paths are
    computed once and the page and speaker rows are inserted in bulk (the report
    reads only the rows). Returns the number of pages created.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from events.models import SpeakerIndexPage, SpeakerPage

    parent = SpeakerIndexPage.objects.get(locale__language_code="pl")
    last = parent.get_last_child()
    start = SpeakerPage._str2int(last.path[-SpeakerPage.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(SpeakerPage)
    now = timezone.now()
    pages = []
    for number in range(count):
        slug = f"{prefix.lower()}-bulk-{start + number}"
        pages.append(
            SpeakerPage(
                title=f"{prefix} {number}",
                draft_title=f"{prefix} {number}",
                slug=slug,
                family_name="Nowak",
                content_type=content_type,
                locale_id=parent.locale_id,
                path=parent.path + SpeakerPage._int2str(start + number).rjust(SpeakerPage.steplen, "0"),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    # Multi-table inheritance: insert the Page rows, then the SpeakerPage rows pointing at them.
    page_rows = Page.objects.bulk_create(
        [
            Page(
                **{f.attname: getattr(p, f.attname) for f in Page._meta.concrete_fields if f.attname != "id"}
            )
            for p in pages
        ],
        batch_size=500,
    )
    for page, row in zip(pages, page_rows, strict=True):
        page.page_ptr_id = page.id = row.id
    local_fields = SpeakerPage._meta.local_concrete_fields
    for batch in range(0, len(pages), 500):
        SpeakerPage._base_manager._insert(pages[batch : batch + 500], fields=local_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    return count
