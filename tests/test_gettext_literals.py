"""Every literal the code passes to a gettext function is translated in pl, nb, is and en.

``makemessages`` extracts only calls by the names it knows (``_``, ``gettext``, ...): a message
behind ``from django.utils.translation import gettext as _gettext`` never reached a catalogue
and stayed English in every language. This test reads the code itself: whatever name a gettext
function is imported under, each literal message must be in every catalogue, translated.
"""

import ast
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["cms", "home", "events", "translations"]
FUNCTIONS = {
    # name: (index of the context argument or None, index of the message)
    "gettext": (None, 0),
    "gettext_lazy": (None, 0),
    "gettext_noop": (None, 0),
    "ngettext": (None, 0),
    "ngettext_lazy": (None, 0),
    "pgettext": (0, 1),
    "pgettext_lazy": (0, 1),
    "npgettext": (0, 1),
    "npgettext_lazy": (0, 1),
}
TRANSLATION_MODULE = "django.utils.translation"


def gettext_names(tree):
    """``{local name: gettext function}`` for this module's imports, plus the module's own aliases."""
    names, modules = {}, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == TRANSLATION_MODULE:
            for alias in node.names:
                if alias.name in FUNCTIONS:
                    names[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module == "django.utils":
            modules |= {alias.asname or alias.name for alias in node.names if alias.name == "translation"}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == TRANSLATION_MODULE and alias.asname:
                    modules.add(alias.asname)
    return names, modules


def literal_messages(path):
    """``(context, message, line)`` of every gettext call with a literal message in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names, modules = gettext_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = None
        if isinstance(node.func, ast.Name):
            function = names.get(node.func.id)
        elif (
            isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in modules
            and node.func.attr in FUNCTIONS
        ):
            function = node.func.attr
        if function is None:
            continue
        context_at, message_at = FUNCTIONS[function]
        if len(node.args) <= message_at:
            continue
        message = node.args[message_at]
        if not (isinstance(message, ast.Constant) and isinstance(message.value, str)):
            continue
        context = None
        if context_at is not None:
            argument = node.args[context_at]
            if not isinstance(argument, ast.Constant):
                continue
            context = argument.value
        found.append((context, message.value, node.lineno))
    return found


def code_messages():
    messages = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for context, message, line in literal_messages(path):
                messages.append((f"{path.relative_to(ROOT)}:{line}", context, message))
    return messages


MESSAGES = code_messages()


def test_the_scanner_sees_messages_behind_any_name():
    source = "from django.utils.translation import gettext as _gettext\nx = _gettext('Hidden message')\n"
    tree_path = ROOT / "build-test-scanner.py"
    try:
        tree_path.write_text(source, encoding="utf-8")
        assert [m[1] for m in literal_messages(tree_path)] == ["Hidden message"]
    finally:
        tree_path.unlink()
    assert len(MESSAGES) > 100


def is_translated(entry):
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    return bool(entry.msgstr or any(entry.msgstr_plural.values()))


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_literal_is_translated(code):
    catalogue = polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))
    translated = {
        (entry.msgctxt, entry.msgid)
        for entry in catalogue
        if not entry.obsolete
        and "fuzzy" not in entry.flags
        and (entry.msgstr or any(entry.msgstr_plural.values()))
    }
    missing = [
        (where, message) for where, context, message in MESSAGES if (context, message) not in translated
    ]
    assert not missing, f"{code}: not translated (run `make messages` and translate): {missing}"
