"""Security headers: the two Content-Security-Policies, frame protection, cookies, Content-Disposition.

The public policy must work without nonces (pages are cached whole), so a public page may hold no
inline script, style or event handler; JSON-LD is data, not script (the browser test checks that
Chromium agrees). The admin has its own, stated policy (cms/settings/base.py, home/security.py).
"""

import base64
import hashlib
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from events.models import SeminarPage, SpeakerPage
from events.views import _calendar_response

from .admin_forms import speaker_form
from .pages import demo_pages
from .test_deploy import PRODUCTION_ENV, manage
from .translation_helpers import make_user, translation_for

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_public_policy(response):
    csp = policy(response)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["frame-src"] == settings.VIDEO_PLAYER_ORIGINS
    assert "nonce" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions


def assert_nothing_inline(html, url):
    """No inline script, style or event handler: the public policy would block them."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            continue  # a data block (see the module's docstring)
        assert script.get("src") and not script.string, (url, str(script)[:200])
    assert not soup.find_all("style"), url
    for tag in soup.find_all(True):
        assert "style" not in tag.attrs, (url, str(tag)[:200])
        handlers = [name for name in tag.attrs if name.lower().startswith("on")]
        assert not handlers, (url, str(tag)[:200])
        for name in ("href", "src", "action"):
            assert not str(tag.get(name, "")).lower().startswith("javascript:"), (url, str(tag)[:200])


def test_every_public_page_has_the_public_policy_and_nothing_inline(client, language):
    pages = demo_pages(language)
    assert {type(p) for p in pages} >= {SeminarPage, SpeakerPage}
    for page in pages:
        response = client.get(page.get_url())
        assert response.status_code == 200, page.get_url()
        assert_public_policy(response)
        assert_nothing_inline(response.content.decode(), page.get_url())


def test_the_public_policy_is_the_same_for_every_request(client):
    """Nothing per request (no nonce): a cached page keeps a policy that fits it."""
    url = SeminarPage.objects.get(locale__language_code="nb").get_url()
    first, second = client.get(url), Client().get(url)
    assert policy(first) == policy(second)


@pytest.mark.parametrize(
    "url",
    ["/en/search/?q=city", "/pl/no-such-page/", "/pl/feeds/seminars.atom", "/pl/calendar/seminars.ics"],
)
def test_other_public_responses_have_the_public_policy(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert_public_policy(response)
    if response["Content-Type"].startswith("text/html"):
        assert_nothing_inline(response.content.decode(), url)


def test_the_admin_has_its_own_stated_policy(client):
    for user in (None, get_user_model().objects.create_superuser("csp-root", password="pw")):
        if user:
            client.force_login(user)
        for url in ("/admin/login/", "/admin/") if user is None else ("/admin/", "/admin/pages/"):
            response = client.get(url)
            if response.status_code == 302:
                continue
            csp = policy(response)
            expected = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            assert csp["script-src"] == expected["script-src"] == ["'self'", "'unsafe-inline'"]
            assert "'unsafe-eval'" not in response["Content-Security-Policy"]
            assert csp["object-src"] == ["'none'"]
            assert csp["frame-ancestors"] == ["'none'"]
            assert response["X-Frame-Options"] == "DENY"


def test_previews_may_be_framed_by_the_admin_only():
    """Wagtail's preview panel and wagtail-localize's translation preview are same-origin iframes."""
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("csp-preview", password="pw"))
    speaker = SpeakerPage.objects.filter(locale__language_code="pl").first()
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[speaker.pk])
    assert client.post(preview_url, speaker_form()).json()["is_valid"]
    translation = translation_for(SeminarPage.objects.get(locale__language_code="pl"), "nb")
    translation_preview = reverse("wagtail_localize:preview_translation", args=[translation.pk])
    for url in (preview_url, translation_preview):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert policy(response)["frame-ancestors"] == ["'self'"]
    # The editor around the preview may not be framed.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[speaker.pk]))
    assert policy(response)["frame-ancestors"] == ["'none'"]


@override_settings(ROOT_URLCONF="tests.urls_error")
def test_the_error_page_allows_its_own_style_by_hash():
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    style = re.search(r"<style>(.*?)</style>", response.content.decode(), flags=re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    csp = policy(response)
    assert csp["style-src"] == ["'self'", f"'sha256-{digest}'"]
    assert csp["script-src"] == ["'self'"]


def test_uploaded_media_on_another_origin_are_allowed_as_images(client):
    with override_settings(MEDIA_URL="https://media.example.org/site/"):
        csp = policy(client.get("/pl/"))
    assert csp["img-src"] == ["'self'", "https://media.example.org"]
    # Media in an S3 bucket (cms/settings/media.py): the bucket's address, no request made.
    from cms.settings.media import media_storage

    for environ, origin in [
        ({"AWS_S3_CUSTOM_DOMAIN": "cdn.example.org"}, "https://cdn.example.org"),
        ({"AWS_S3_ENDPOINT_URL": "https://s3.example.net"}, "https://s3.example.net"),
    ]:
        storage = media_storage(
            {
                "AWS_STORAGE_BUCKET_NAME": "site-media",
                "AWS_ACCESS_KEY_ID": "k",
                "AWS_SECRET_ACCESS_KEY": "s",
                **environ,
            }
        )
        with override_settings(STORAGES={**settings.STORAGES, "default": storage}):
            csp = policy(client.get("/en/"))
        assert origin in csp["img-src"] and origin in csp["media-src"], csp["img-src"]
    assert policy(client.get("/en/"))["img-src"] == ["'self'"]


def test_cookies_are_httponly_and_samesite():
    client = Client()
    response = client.get("/language/nb/?next=/nb/")
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"

    user = get_user_model().objects.create_user("cookie-editor", password="right-password")
    user.is_superuser = True
    user.save()
    login = client.get("/admin/login/")
    csrf = login.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post("/admin/login/", {"username": "cookie-editor", "password": "right-password"})
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] == "Lax"


def test_production_sends_cookies_over_https_only_and_sets_hsts():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    )
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-6:] == ["True", "True", "True", "True", "31536000", "True"]


def test_hsts_and_the_https_redirect_spare_only_the_health_check(client):
    with override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000):
        response = client.get("/pl/")
        assert response.status_code == 301 and response["Location"] == "https://testserver/pl/"
        assert client.get("/healthz").status_code == 200
        secure = client.get("/pl/", secure=True)
        assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize(
    ("filename", "attachment", "expected"),
    [
        ("seminar.ics", True, 'attachment; filename="seminar.ics"'),
        ("seminars-nb.ics", False, 'inline; filename="seminars-nb.ics"'),
        ("odporność-miast.ics", True, "attachment; filename*=utf-8''odporno%C5%9B%C4%87-miast.ics"),
        ('a"b\\c.ics', True, 'attachment; filename="a\\"b\\\\c.ics"'),
    ],
)
def test_calendar_files_name_themselves_through_djangos_helper(filename, attachment, expected):
    assert _calendar_response("BEGIN:VCALENDAR", filename, attachment)["Content-Disposition"] == expected


def test_a_translator_sees_the_admin_policy_too():
    client = Client()
    client.force_login(make_user("csp-nb", "nb"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'", "'unsafe-inline'"]
