"""The admin's protection: sign-in lock-out, nothing unpublished reachable anonymously, upload limits."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from .pages import PAGE_TYPES
from .translation_helpers import translation_for

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
LOCKED = {
    "pl": "Zbyt wiele nieudanych prób logowania",
    "nb": "For mange mislykkede påloggingsforsøk",
    "is": "Of margar misheppnaðar innskráningartilraunir",
    "en": "Too many failed sign-in attempts",
}


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user("lock-editor", password="the-right-password")
    user.is_superuser = True
    user.save()
    return user


def sign_in(client, password, username="lock-editor", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, headers=headers)


def signed_in(client):
    return "_auth_user_id" in client.session


# --- Lock-out (django-axes) -------------------------------------------------------------------------


def test_wrong_passwords_lock_the_account_out_even_with_the_right_one(editor, language):
    client = Client(headers={"accept-language": language})
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, f"wrong-{attempt}")
        assert response.status_code == 200 and not signed_in(client)
    # The last allowed try fails and locks; from then on even the right password is refused.
    assert sign_in(client, "wrong-again").status_code == 429
    response = sign_in(client, "the-right-password")
    assert response.status_code == 429
    assert not signed_in(client)
    text = response.content.decode()
    assert LOCKED[language] in text
    assert f'<html lang="{language}"' in text
    assert "15" in text  # the cool-off time, in minutes
    assert 'name="password"' in text  # Wagtail's own sign-in page, not a bare text


def test_the_lock_out_is_for_one_account_from_one_address(editor):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, f"wrong-{attempt}")
    assert sign_in(attacker, "the-right-password").status_code == 429
    # The editor, elsewhere, still signs in: a stranger cannot lock her out.
    colleague = Client(REMOTE_ADDR="198.51.100.20")
    assert sign_in(colleague, "the-right-password").status_code == 302
    assert signed_in(colleague)


def test_a_successful_sign_in_resets_the_count(editor):
    client = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, f"wrong-{attempt}")
    assert sign_in(client, "the-right-password").status_code == 302
    client.logout()
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, f"wrong-{attempt}").status_code == 200
    assert sign_in(client, "the-right-password").status_code == 302


def proxied(count):
    """The settings that cms/settings/base.py makes of TRUSTED_PROXY_COUNT=``count``."""
    from .test_deploy import PRODUCTION_ENV, manage

    code = (
        "from django.conf import settings as s;"
        "print(s.IPWARE_STRICT, s.AXES_IPWARE_PROXY_COUNT, *s.AXES_IPWARE_META_PRECEDENCE_ORDER)"
    )
    env = {**PRODUCTION_ENV, "TRUSTED_PROXY_COUNT": str(count)}
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    strict, proxy_count, *order = result.stdout.split()[-4:]
    assert strict == "False"
    return {
        "IPWARE_STRICT": False,
        "AXES_IPWARE_PROXY_COUNT": int(proxy_count),
        "AXES_IPWARE_META_PRECEDENCE_ORDER": order,
    }


@pytest.mark.parametrize(
    ("count", "chain"),
    [
        (1, "{forged}, {client}"),  # nginx appended the client's address
        (2, "{forged}, {client}, 192.0.2.1"),  # a load balancer appended it, then nginx the balancer's
    ],
)
def test_behind_proxies_the_client_address_comes_from_x_forwarded_for(editor, count, chain):
    """Every request comes from the last proxy (127.0.0.1); the client is the address the outermost
    proxy wrote in X-Forwarded-For. What a client writes in the header itself changes nothing.
    """
    with override_settings(**proxied(count)):
        client = Client(REMOTE_ADDR="127.0.0.1")
        for attempt in range(settings.AXES_FAILURE_LIMIT):
            forged = chain.format(forged=f"10.0.0.{attempt}", client="203.0.113.9")  # new forgery each time
            sign_in(client, f"wrong-{attempt}", x_forwarded_for=forged)
        locked = chain.format(forged="198.51.100.77", client="203.0.113.9")
        assert sign_in(client, "the-right-password", x_forwarded_for=locked).status_code == 429
        # Another client behind the same proxies signs in.
        other = Client(REMOTE_ADDR="127.0.0.1")
        elsewhere = chain.format(forged="203.0.113.9", client="198.51.100.20")
        assert sign_in(other, "the-right-password", x_forwarded_for=elsewhere).status_code == 302


# --- Nothing unpublished reachable anonymously ----------------------------------------------------


def page_of(model):
    return model.objects.filter(locale__language_code="pl").order_by("path").first()


def assert_sign_in_required(response, url):
    assert response.status_code == 302, (url, response.status_code)
    assert response["Location"].startswith(LOGIN), (url, response["Location"])


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
def test_an_unpublished_page_is_not_served(client, model):
    page = page_of(model)
    url = page.get_url()
    assert client.get(url).status_code == 200
    page.specific.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda m: m.__name__)
def test_draft_changes_stay_in_the_admin(client, model):
    page = page_of(model).specific
    live_title = page.title
    page.title = "Tajny szkic redakcji"
    revision = page.save_revision()
    url = page.get_url()
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tajny szkic redakcji" not in text
    assert live_title.split()[0] in text
    # Every admin address that would show the draft asks for a sign-in.
    for admin_url in [
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision.pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
    ]:
        response = client.get(admin_url)
        assert_sign_in_required(response, admin_url)
        assert b"Tajny szkic redakcji" not in response.content
    # A preview posted anonymously is refused too (Wagtail keeps previews in the session).
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert_sign_in_required(client.post(preview, {"title": "x"}), preview)


def test_new_pages_previews_and_translation_previews_need_a_sign_in(client):
    from events.models import SeminarPage

    seminar = page_of(SeminarPage)
    translation = translation_for(seminar, "nb")
    for url in [
        reverse("wagtailadmin_pages:preview_on_add", args=["events", "seminarpage", seminar.get_parent().pk]),
        reverse("wagtail_localize:preview_translation", args=[translation.pk]),
        f"/admin/localize/translate/{translation.pk}/pofile/download/",
        "/admin/",
        "/admin/pages/",
        "/admin/translations/reports/status/",
        "/admin/documents/",
        "/admin/snippets/events/organisation/",
    ]:
        assert_sign_in_required(client.get(url), url)
    api = client.get("/admin/api/main/pages/")
    assert api.status_code in (302, 401, 403)


def test_documents_of_a_private_collection_need_a_sign_in(client):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Dokumenty wewnętrzne")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    document = Document.objects.create(
        title="Budżet", collection=private, file=ContentFile(b"SECRET BUDGET", name="budzet.txt")
    )
    public = Document.objects.create(
        title="Program", file=ContentFile(b"PUBLIC PROGRAMME", name="program.txt")
    )
    response = client.get(document.url)
    assert response.status_code == 302 and LOGIN in response["Location"]
    assert b"SECRET" not in response.content
    assert b"PUBLIC PROGRAMME" in b"".join(client.get(public.url).streaming_content)
    # Signed in, the document is there.
    client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    assert b"".join(client.get(document.url).streaming_content) == b"SECRET BUDGET"


def test_the_development_server_never_serves_documents_from_disk(client):
    """`make run` serves MEDIA_ROOT itself (SERVE_MEDIA), but not the documents' folder."""
    import importlib.util
    import sys

    with override_settings(SERVE_MEDIA=True):
        spec = importlib.util.spec_from_file_location(
            "cms_urls_serving_media", settings.BASE_DIR / "cms/urls.py"
        )
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    sys.modules[spec.name] = module
    try:
        with override_settings(ROOT_URLCONF=spec.name):
            document = Document.objects.create(
                title="Budżet", file=ContentFile(b"SECRET BUDGET", name="budzet-dev.txt")
            )
            image_path = next(p for p in Path(settings.MEDIA_ROOT).glob("original_images/*") if p.is_file())
            relative = image_path.relative_to(settings.MEDIA_ROOT).as_posix()
            assert client.get(f"/media/{relative}").status_code == 200
            response = client.get(f"/media/{document.file.name}")
            assert response.status_code == 404
    finally:
        del sys.modules[spec.name]


# --- Upload limits --------------------------------------------------------------------------------


def test_djangos_default_limits():
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440


def test_too_many_fields_are_refused_with_400_not_500():
    client = Client(raise_request_exception=False)
    fields = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert client.post(LOGIN, {"username": "x", "password": "y", **fields}).status_code == 400
    assert client.get("/en/search/", {"q": "city", **fields}).status_code == 400
