"""Which language a visitor without a language prefix lands on."""

import pytest

from home.middleware import _normalise_norwegian

pytestmark = pytest.mark.django_db

# (Accept-Language header, cookie, expected language)
NEGOTIATION_TABLE = [
    (None, None, "pl"),
    ("", None, "pl"),
    ("pl", None, "pl"),
    ("pl-PL,pl;q=0.9,en;q=0.8", None, "pl"),
    ("nb", None, "nb"),
    ("nb-NO,nb;q=0.9", None, "nb"),
    ("no", None, "nb"),
    ("no-NO,no;q=0.9,en;q=0.5", None, "nb"),
    ("nn-NO,nn;q=0.9", None, "nb"),
    ("NO", None, "nb"),
    ("is", None, "is"),
    ("is-IS,is;q=0.9,en-US;q=0.8", None, "is"),
    ("en", None, "en"),
    ("en-US,en;q=0.9", None, "en"),
    ("en-GB", None, "en"),
    ("de-DE,de;q=0.9,en;q=0.5", None, "en"),
    ("de-DE,fr;q=0.9", None, "pl"),
    ("sv-SE,sv;q=0.9,nb;q=0.8,en;q=0.7", None, "nb"),
    ("fr;q=0.9,is;q=1.0", None, "is"),
    ("*", None, "pl"),
    # Malformed headers fall back to Polish and never break anything.
    ("en;q=abc", None, "pl"),
    (";;;,,,", None, "pl"),
    ("x" * 1000, None, "pl"),
    ("\u00e9\u00e9", None, "pl"),
    # The cookie set by the language switcher wins over the header.
    ("en-US,en;q=0.9", "is", "is"),
    (None, "nb", "nb"),
    # A cookie that is not one of the site's languages is ignored.
    ("en", "de", "en"),
    ("en", "<script>", "en"),
    (None, "", "pl"),
]


@pytest.mark.parametrize(("header", "cookie", "expected"), NEGOTIATION_TABLE)
def test_root_redirects_to_the_negotiated_language(client, header, cookie, expected):
    if cookie is not None:
        client.cookies["site_language"] = cookie
    headers = {"accept-language": header} if header is not None else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response["Location"] == f"/{expected}/"
    # Caches must keep the redirects of different visitors apart.
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("no", "nb"),
        ("nn-NO;q=0.8", "nb;q=0.8"),
        ("en, no-NO;q=0.5", "en,nb;q=0.5"),
        ("nl-NL", "nl-NL"),
        ("nov", "nov"),
    ],
)
def test_norwegian_tags_are_read_as_bokmal(header, expected):
    assert _normalise_norwegian(header) == expected


def test_a_path_without_prefix_keeps_its_path(client):
    response = client.get("/nb/", follow=False)
    assert response.status_code == 200
    response = client.get("/foredragsholdere/", headers={"accept-language": "nb"})
    assert response.status_code == 302
    assert response["Location"] == "/nb/foredragsholdere/"
    assert client.get(response["Location"]).status_code == 200


def test_switching_language_remembers_the_choice(client):
    response = client.get("/language/is/?next=/is/fyrirlesarar/")
    assert response.status_code == 302
    assert response["Location"] == "/is/fyrirlesarar/"
    assert response.cookies["site_language"].value == "is"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    # The next visit to the bare domain goes to Icelandic, whatever the browser says.
    response = client.get("/", headers={"accept-language": "en"})
    assert response["Location"] == "/is/"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/is/", "//evil.example/is/", "/en/speakers/", "javascript:alert(1)", ""],
)
def test_switch_refuses_to_leave_the_site_or_the_language(client, next_url):
    response = client.get("/language/is/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/is/"


def test_switch_to_an_unknown_language_is_a_404(client):
    response = client.get("/language/xx/?next=/xx/", follow=True)
    assert response.status_code == 404
    assert "site_language" not in client.cookies
