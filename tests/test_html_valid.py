"""Every public page type, in every language, is valid HTML: the Nu HTML Checker finds no error.

The pages are rendered by the test client and checked in one run of the checker (vnu-jar, from
package.json, with the machine's Java).
"""

import pytest
from django.test import Client

from .checkers import public_paths, vnu_errors, vnu_missing
from .conftest import LANGUAGES

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(vnu_missing() is not None, reason=f"Nu HTML Checker: {vnu_missing()}"),
]


def test_every_public_page_is_valid_html(tmp_path):
    client = Client(raise_request_exception=False)
    files = {}
    for code in LANGUAGES:
        for path in public_paths(code):
            response = client.get(path)
            assert response.status_code in (200, 404), (path, response.status_code)
            assert response["Content-Type"].startswith("text/html"), path
            name = f"{len(files):03d}.html"
            (tmp_path / name).write_bytes(response.content)
            files[name] = path
    assert len(files) == 4 * 15
    errors = vnu_errors(sorted(tmp_path / name for name in files))
    assert errors == [], "\n".join(
        f"{files.get(name, name)} line {line}: {message}" for name, line, message in errors
    )


def test_the_checker_finds_errors(tmp_path):
    """The check is live: a page with a stray end tag and a duplicate id fails it."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="pl"><head><title>x</title></head>'
        '<body><p id="a">x</p><p id="a">y</p></div></body></html>'
    )
    messages = [message for _name, _line, message in vnu_errors([bad])]
    assert any("Duplicate ID" in m for m in messages), messages
    assert any("Stray end tag" in m for m in messages), messages
