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
