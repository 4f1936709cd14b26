"""Whatever a visitor sends in the address, query string, headers or cookies: never a 500."""

import pytest
from django.test import Client

from .pages import demo_pages

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    {"page": "abc", "upcoming_page": "-1", "year": "<script>", "country": "'\"", "organisation": "9" * 40},
    {"page": "9" * 400, "year": "99999999999999999999", "country": "PL" * 300, "q": "\x00"},
    {"page": ["1", "2"], "year": ["2025", "2024"], "country": ["PL", "NO"], "organisation": "-5"},
    {"p": "%00", "next": "javascript:alert(1)", "lang": "../../etc/passwd"},
]
HOSTILE_HEADERS = [
    {"accept-language": "x" * 5000},
    {"accept-language": "pl;q=2,,,;q=-1,*;q=nan"},
    {"cookie": "site_language=%00%ff; csrftoken=<>"},
    {"cookie": "site_language=" + "a" * 4000},
    {"x-forwarded-proto": "gopher", "referer": "http://\x00"},
]
HOSTILE_PATHS = [
    "/pl/%00/",
    "/%FF%FE/",
    "/xx-YY/",
    "/pl/" + "a/" * 200,
    "/en/speakers/..%2F..%2Fetc%2Fpasswd/",
    "/language/%00/",
    "/pl/calendar/seminar-99999999999999999999.ics",
    "/pl/feeds/seminars.atom?p=abc",
    "/sitemap-%00.xml",
]


def test_hostile_query_strings_on_every_page(language):
    client = Client(raise_request_exception=False)
    for page in demo_pages(language):
        for query in HOSTILE_QUERIES:
            response = client.get(page.get_url(), query)
            assert response.status_code in (200, 301, 302, 400, 404), (page.get_url(), query)


@pytest.mark.parametrize("headers", HOSTILE_HEADERS)
def test_hostile_headers(headers):
    client = Client(raise_request_exception=False)
    for path in ["/", "/nb/", "/pl/prelegenci/", "/en/search/?q=x", "/no-such/"]:
        response = client.get(path, headers=headers)
        assert response.status_code in (200, 301, 302, 400, 404), (path, headers)


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_hostile_paths(path):
    response = Client(raise_request_exception=False).get(path, follow=True)
    assert response.status_code in (200, 400, 404), path


# Admin addresses of the translation workflow with unknown ids, wrong models and bad filters.
HOSTILE_ADMIN_URLS = [
    "/admin/translations/reports/status/?state=xyz",
    "/admin/translations/reports/status/?language=zz&type=%00",
    "/admin/translations/reports/status/?export=bogus",
    "/admin/translations/reports/status/?p=-1&state=",
    "/admin/translations/reports/status/results/?state=open&language=nb",
    "/admin/translations/review/999999/",
    "/admin/translations/review/done/999999/",
    "/admin/localize/submit/snippet/auth/user/1/",  # a model that is not a snippet
    "/admin/localize/submit/snippet/nope/nope/1/",
    "/admin/localize/translate/999999/disable/",
    "/admin/localize/page/999999/convert_to_alias/",
    "/admin/localize/update/999999/",
    "/admin/api/main/pages/999999/action/delete/",
]


@pytest.mark.parametrize("role", ["nb", "pl", "superuser"])
def test_hostile_admin_urls_of_the_translation_workflow(role):
    from django.contrib.auth import get_user_model

    from .translation_helpers import make_user

    if role == "superuser":
        user = get_user_model().objects.create_superuser("hostile-root", password="pw")
    else:
        user = make_user(f"hostile-{role}", role)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    for url in HOSTILE_ADMIN_URLS:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code < 500, (role, method.__name__, url, response.status_code)


# --- Property-based: whatever hypothesis makes of paths, queries, headers, forms and uploads ------
#
# Bounded (BOUNDED: a fixed number of examples, derandomised so every run tries the same ones, no
# example database) to keep `make test` fast. Every answer must be: below 500, free of the input's
# markup echoed unescaped, and, when it redirects, a redirect to this site.

from urllib.parse import quote, urlsplit  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

BOUNDED = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Markup that must never come back as it was sent.
MARKERS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</title><h1>injected</h1>",
]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
HEADER_TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=200)
# Text with one of the markers somewhere in it.
HOSTILE = st.builds(lambda a, marker, b: a + marker + b, TEXT, st.sampled_from(MARKERS), TEXT)
ANY_VALUE = st.one_of(
    TEXT, HOSTILE, st.sampled_from(["-1", "0", "9" * 30, "", "%00", "../..", "//evil.example"])
)
PUBLIC_PATHS = ["/", "/pl/", "/nb/", "/is/prelegenci/", "/en/search/", "/pl/projekty/"]


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def assert_safe(response, *inputs):
    assert response.status_code < 500, response.status_code
    if 300 <= response.status_code < 400:
        location = response["Location"]
        parts = urlsplit(location)
        assert parts.scheme in ("", "http", "https"), location
        assert parts.netloc in ("", "testserver"), location
        assert not location.startswith(("//", "/\\")), location
    text = body(response)
    for value in inputs:
        for marker in MARKERS:
            if marker in str(value):
                assert marker not in text, marker


def hostile_client():
    return Client(raise_request_exception=False)


@BOUNDED
@given(prefix=st.sampled_from(["/", "/pl/", "/nb/foredragsholdere/", "//", "/en/calendar/"]), rest=HOSTILE)
def test_any_path(prefix, rest):
    response = hostile_client().get(prefix + quote(rest, safe="/"))
    assert_safe(response, rest)


@BOUNDED
@given(
    path=st.sampled_from(PUBLIC_PATHS),
    query=st.dictionaries(
        st.sampled_from(
            ["page", "upcoming_page", "year", "country", "organisation", "letter", "q", "next", "x"]
        ),
        ANY_VALUE,
        max_size=4,
    ),
)
def test_any_query_string(path, query):
    response = hostile_client().get(path, query)
    assert_safe(response, *query.values())


@BOUNDED
@given(
    path=st.sampled_from(["/", "/pl/", "/no-such/", "/en/search/?q=x"]),
    accept_language=HEADER_TEXT,
    cookie=st.builds(
        lambda name, value: f"{name}={value}",
        st.sampled_from(["site_language", "csrftoken", "sessionid", "x"]),
        HEADER_TEXT.filter(lambda v: ";" not in v),
    ),
)
def test_any_accept_language_and_cookie(path, accept_language, cookie):
    response = hostile_client().get(path, headers={"accept-language": accept_language, "cookie": cookie})
    assert_safe(response, accept_language, cookie)


@BOUNDED
@given(query=st.one_of(TEXT, HOSTILE), page=ANY_VALUE, language=st.sampled_from(["pl", "nb", "is", "en"]))
def test_any_search(query, page, language):
    response = hostile_client().get(f"/{language}/search/", {"q": query, "page": page})
    assert_safe(response, query, page)
    assert response.status_code in (200, 400)


@BOUNDED
@given(code=st.one_of(st.sampled_from(["pl", "nb", "is", "en"]), TEXT), next_url=ANY_VALUE)
def test_any_language_switch(code, next_url):
    response = hostile_client().get(f"/language/{quote(code, safe='')}/", {"next": next_url})
    assert_safe(response, code, next_url)


@pytest.fixture
def signer():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("hypo-editor", password="hypo-password")
    user.is_superuser = True
    user.save()
    return user


@BOUNDED
@given(
    username=st.one_of(st.just("hypo-editor"), TEXT, HOSTILE),
    password=st.one_of(st.just("hypo-password"), TEXT),
    next_url=ANY_VALUE,
)
def test_any_sign_in(signer, username, password, next_url):
    from django.test import override_settings

    # The lock-out has its own tests (test_admin_protection.py); here each example is a first try.
    with override_settings(AXES_ENABLED=False):
        client = hostile_client()
        response = client.post(
            "/admin/login/", {"username": username, "password": password, "next": next_url}
        )
    assert_safe(response, username, next_url)
    assert response.status_code in (200, 302)


@BOUNDED
@given(
    content=st.one_of(
        st.none(),  # no file at all
        st.binary(max_size=2000),  # anything
        st.text(max_size=500).map(str.encode),  # text without a PO header
        st.builds(
            lambda entries, marker: (
                "".join(f'msgid "{e}"\nmsgstr "{marker}"\n\n' for e in entries)
            ).encode(),
            st.lists(TEXT.map(lambda t: t.replace('"', "").replace("\\", "")), max_size=5),
            st.sampled_from(MARKERS),
        ),  # entries without a header, with markup
    ),
    name=st.one_of(st.just("page.po"), TEXT.map(lambda t: (t or "x")[:50] + ".po")),
)
def test_any_po_upload(content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail_localize.models import StringTranslation

    from events.models import SpeakerPage

    from .translation_helpers import make_user, translation_for

    translation = translation_for(SpeakerPage.objects.filter(locale__language_code="pl").first(), "nb")
    user = make_user("hypo-nora", "nb") if not _user_exists("hypo-nora") else _get_user("hypo-nora")
    client = hostile_client()
    client.force_login(user)
    before = list(StringTranslation.objects.order_by("pk").values_list("pk", "data"))
    data = {"file": SimpleUploadedFile(name or "x.po", content)} if content is not None else {}
    response = client.post(f"/admin/localize/translate/{translation.pk}/pofile/upload/", data, follow=True)
    assert_safe(response, content.decode(errors="replace") if content else "", name)
    assert response.status_code == 200
    # None of these files came from this site (no translation ID): nothing changed.
    assert list(StringTranslation.objects.order_by("pk").values_list("pk", "data")) == before


def test_a_huge_po_upload_is_refused_without_reading_it():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.models import SpeakerPage
    from translations.views import MAX_PO_SIZE

    from .translation_helpers import make_user, translation_for

    translation = translation_for(SpeakerPage.objects.filter(locale__language_code="pl").first(), "nb")
    client = hostile_client()
    client.force_login(make_user("huge-nora", "nb"))
    huge = SimpleUploadedFile("huge.po", b'msgid "x"\nmsgstr "y"\n' * (MAX_PO_SIZE // 20 + 1))
    response = client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": huge}, follow=True
    )
    assert response.status_code == 200
    assert "too large" in body(response)


def _user_exists(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username).exists()


def _get_user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
