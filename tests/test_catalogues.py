"""The gettext catalogues are complete, current and compiled; templates hold no raw text."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.test import override_settings
from django.utils import translation

from .conftest import LANGUAGES

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates"] + sorted(Path(settings.BASE_DIR).glob("*/templates"))
IGNORED_DIRS = ["--ignore=.venv", "--ignore=static", "--ignore=media", "--ignore=tests"]
IGNORED_DIRS += ["--ignore=bench", "--ignore=scripts"]


def catalogue(code):
    return polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_complete(code):
    po = catalogue(code)
    assert len(po) > 100
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"{code}: untranslated {untranslated[:10]}"
    assert fuzzy == [], f"{code}: fuzzy {fuzzy[:10]}"
    assert po.metadata.get("Language") == code


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_keeps_placeholders(code):
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
    for entry in catalogue(code).translated_entries():
        expected = sorted(placeholder.findall(entry.msgid))
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for text in translations:
            assert sorted(set(placeholder.findall(text))) == sorted(set(expected)), (code, entry.msgid)


def test_catalogues_are_current(tmp_path, monkeypatch):
    """Regenerating the catalogues from the code adds no message and leaves none unused.

    makemessages writes next to the sources it reads, so it runs on a mirror
    of the project (links to the sources, a copy of the catalogues) and never
    touches the real ones.
    """
    skipped = {"locale", "tests", "bench", "scripts", "static", "media", ".venv", ".git"}
    for entry in Path(settings.BASE_DIR).iterdir():
        if entry.name not in skipped and (entry.is_dir() or entry.suffix == ".py"):
            (tmp_path / entry.name).symlink_to(entry)
    shutil.copytree(LOCALE_DIR, tmp_path / "locale")
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command(
            "makemessages",
            *[f"--locale={code}" for code in LANGUAGES],
            "--no-location",
            "--symlinks",
            *IGNORED_DIRS,
            verbosity=0,
        )
    for code in LANGUAGES:
        committed = {(e.msgctxt, e.msgid) for e in catalogue(code) if not e.obsolete}
        fresh = polib.pofile(str(tmp_path / "locale" / code / "LC_MESSAGES" / "django.po"))
        current = {(e.msgctxt, e.msgid) for e in fresh if not e.obsolete}
        missing = current - committed
        assert not missing, f"{code}: run `make messages` and translate: {sorted(missing)[:10]}"
        stale = committed - current
        assert not stale, f"{code}: messages no longer used: {sorted(stale)[:10]}"


@pytest.mark.parametrize("code", ["pl", "nb", "is"])
def test_compiled_catalogues_are_used(code):
    with translation.override(code):
        assert translation.gettext("Speakers") != "Speakers"


class VisibleText(HTMLParser):
    """Collects text a visitor would read: text nodes and human-readable attributes."""

    READABLE_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "value"}

    def __init__(self):
        super().__init__()
        self.found = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        for name, value in attrs:
            if name in self.READABLE_ATTRIBUTES and value:
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.found.append(data)


# Text inside these tags is a comment, or is translated by the tag itself.
SKIPPED_TAGS = {"comment", "blocktranslate", "blocktrans"}
# Blocks that hold CSS class names, not text.
SKIPPED_BLOCKS = [["block", "body_class"]]


def raw_text_in(template_source):
    # Every template tag or variable becomes a neutral marker; what is left is literal text.
    lexer = Lexer(template_source)
    pieces = []
    skipping = None  # the tag that ends a stretch whose text is not visible or already translated
    for token in lexer.tokenize():
        words = token.contents.split() if token.token_type == TokenType.BLOCK else []
        if skipping is None and words[:1] and (words[0] in SKIPPED_TAGS or words[:2] in SKIPPED_BLOCKS):
            skipping = "end" + words[0]
        elif skipping and words[:1] == [skipping]:
            skipping = None
        if token.token_type == TokenType.TEXT and skipping is None:
            pieces.append(token.contents)
        else:
            pieces.append("\u2063")
    parser = VisibleText()
    parser.feed("".join(pieces))
    words = []
    for text in parser.found:
        # Letters outside template tags are untranslated text. Lone symbols
        # (separators, dashes, brackets) are allowed.
        words += re.findall(r"[^\W\d_]{2,}", text)
    return words


# Words that are the same in every language: names and technical identifiers.
ALLOWED_WORDS = {"Language"}


def test_templates_hold_no_text_outside_gettext():
    offenders = {}
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            words = [w for w in raw_text_in(path.read_text()) if w not in ALLOWED_WORDS]
            if words:
                offenders[str(path.relative_to(settings.BASE_DIR))] = words[:5]
    assert offenders == {}


def test_the_template_check_finds_raw_text():
    source = (
        '{% load i18n %}<p>Hello {{ name }}</p><img alt="A photo" src="x">'
        '{% translate "Fine" %}{% comment %}Ignored{% endcomment %}<a aria-label="{% translate "Ok" %}">→</a>'
    )
    assert raw_text_in(source) == ["Hello", "photo"]
