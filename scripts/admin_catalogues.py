#!/usr/bin/env python
"""The admin catalogues: Wagtail's and wagtail-localize's messages that their own catalogues lack.

Wagtail's and wagtail-localize's catalogues are incomplete in Norwegian Bokmål (and a little
in Icelandic and Polish), and a few of their translations are broken (a lost trailing space
before a concatenated locale name). ``locale_admin/<lang>/LC_MESSAGES/{django,djangojs}.po``
holds exactly the messages the installed catalogues do not translate (or translate
wrongly), for every Wagtail app and wagtail-localize app in INSTALLED_APPS.
``locale_admin`` comes after ``locale`` in LOCALE_PATHS, so the project's own catalogue
wins, and both win over the apps' catalogues.

The .po files are the source of the translations (edit them with any PO editor); this
script keeps them in step with the installed packages:

    .venv/bin/python scripts/admin_catalogues.py           # update: add newly missing messages
                                                           # (empty), drop ones upstream now
                                                           # translates, print what is left
    .venv/bin/python scripts/admin_catalogues.py --check   # exit 1 when not current or incomplete
    .venv/bin/python scripts/admin_catalogues.py --todo nb django   # untranslated entries, as JSON
    .venv/bin/python scripts/admin_catalogues.py --fill nb django batch.json
                                                           # merge {msgid: msgstr or [forms]}
                                                           # (msgctxt + "\\u0004" + msgid for a
                                                           # message with context)

After a Wagtail or wagtail-localize upgrade: run it, translate the new empty entries, run
``make compilemessages``; tests/test_admin_language.py fails until nothing is missing.
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
OUT_DIR = BASE_DIR / "locale_admin"
LANGUAGES = ["nb", "is", "pl"]
DOMAINS = ["django", "djangojs"]
PLURAL_FORMS = {
    "nb": "nplurals=2; plural=(n != 1);",
    "is": "nplurals=2; plural=(n % 10 != 1 || n % 100 == 11);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);",
}
NPLURALS = {"nb": 2, "is": 2, "pl": 3}
# The order of the entries in the files: what translators meet most first.
PRIORITY = [
    "wagtail.admin",
    "wagtail_localize",
    "wagtail",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail.images",
    "wagtail.documents",
    "wagtail_localize.locales",
]
# Packages whose djangojs catalogue a JavaScriptCatalog view of the admin serves on its own
# (/admin/jsi18n/ and /admin/localize/jsi18n/): each must find every message it uses.
JS_PACKAGES = ["wagtail.admin", "wagtail_localize"]
# Installed translations that are wrong although well-formed: kept here, corrected.
CORRECTIONS = {
    ("pl", "django", "Search all pages…"): "typo in Wagtail's catalogue (wszytkich)",
}
SEP = "\x04"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def say(text):
    sys.stdout.write(f"{text}\n")


def setup_django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()


def source_apps():
    """Installed Wagtail and wagtail-localize apps that ship an English catalogue, in file order."""
    from django.apps import apps

    found = []
    for config in apps.get_app_configs():
        if (config.name == "wagtail" or config.name.startswith(("wagtail.", "wagtail_localize"))) and (
            Path(config.path) / "locale" / "en" / "LC_MESSAGES"
        ).is_dir():
            found.append(config)
    rank = {name: i for i, name in enumerate(PRIORITY)}
    return sorted(found, key=lambda c: (rank.get(c.name, len(PRIORITY)), c.name))


class Borrowed:
    """Messages of a Django catalogue that the Wagtail admin shows although the app is not installed.

    Wagtail's admin formats times with django.contrib.humanize's ``naturaltime`` ("a minute
    ago") without humanize being in INSTALLED_APPS, so humanize's catalogue is never loaded; and
    Django's own Icelandic catalogue lacks the ``timesince`` units ("2 minutes") that Wagtail's
    "%(time_period)s ago" wraps. Their existing translations are taken from Django's catalogues.
    """

    def __init__(self, name, path, only=None):
        self.name, self.path, self.only = name, path, only

    def translations(self, lang):
        import gettext

        from django.utils.translation import to_locale

        found = gettext.translation(
            "django", str(Path(self.path) / "locale"), [to_locale(lang)], fallback=True
        )
        return getattr(found, "_catalog", {})


def borrowed_sources():
    import django

    django_dir = Path(django.__file__).parent
    return [
        Borrowed("django.contrib.humanize", django_dir / "contrib" / "humanize"),
        Borrowed(
            "django (timesince)",
            django_dir / "conf",
            only={f"%(num)d {unit}" for unit in ("year", "month", "week", "day", "hour", "minute")},
        ),
    ]


def sources():
    """Every catalogue whose messages the admin shows: the Wagtail apps, then the borrowed ones."""
    return [*source_apps(), *borrowed_sources()]


def key_of(entry):
    return (entry.msgctxt or None, entry.msgid)


def catalogue_key(key):
    ctx, msgid = key
    return f"{ctx}{SEP}{msgid}" if ctx else msgid


def installed_translations(lang, domain, package=None):
    """What Django resolves for ``lang`` without the project's catalogues: a TranslationCatalog.

    ``domain="django"``: every installed app and Django itself, merged as Django merges them.
    ``domain="djangojs"``: the one package a JavaScriptCatalog view serves.
    """
    from django.test.utils import override_settings
    from django.utils.translation import trans_real

    with override_settings(LOCALE_PATHS=[]):
        if domain == "django":
            translation = trans_real.DjangoTranslation(lang, domain="django")
        else:
            from django.apps import apps

            config = next(c for c in apps.get_app_configs() if c.name == package)
            path = Path(config.path) / "locale"
            translation = trans_real.DjangoTranslation(lang, domain=domain, localedirs=[str(path)])
    return translation._catalog


def lookup(catalog, key, plural):
    if plural:
        forms = []
        index = 0
        while (catalogue_key(key), index) in catalog:
            forms.append(catalog[(catalogue_key(key), index)])
            index += 1
        return forms or None
    return catalog.get(catalogue_key(key))


def defect(msgid, texts, flags, msgid_plural=None):
    """Why a translation is unusable, or None.

    A plural form may leave out a placeholder (Polish "jedna strona" for "1 page").
    """
    wanted = set(PLACEHOLDER.findall(msgid))
    allowed = wanted | set(PLACEHOLDER.findall(msgid_plural or ""))
    checked = "python-format" in flags or "python-brace-format" in flags or "%" in msgid
    for text in texts:
        if not text:
            return "empty"
        found = set(PLACEHOLDER.findall(text))
        if checked and (not found <= allowed if msgid_plural else found != wanted):
            return "placeholders differ"
        if msgid[:1].isspace() != text[:1].isspace() or msgid[-1:].isspace() != text[-1:].isspace():
            return WHITESPACE
    return None


WHITESPACE = "leading or trailing space differs"


def installed_note(entry, texts, why):
    """(comment, repaired translation or None): a lost space is put back, nothing else guessed."""
    comment = f"installed: {texts!r} ({why})"
    if why != WHITESPACE:
        return comment, None
    lead = entry.msgid[: len(entry.msgid) - len(entry.msgid.lstrip())]
    trail = entry.msgid[len(entry.msgid.rstrip()) :]
    fixed = [lead + t.strip() + trail for t in texts]
    return comment, fixed if entry.msgid_plural else fixed[0]


def english_entries(config, domain):
    path = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return []
    only = getattr(config, "only", None)
    return [
        e for e in polib.pofile(str(path)) if not e.obsolete and e.msgid and (only is None or e.msgid in only)
    ]


def needed(lang, domain):
    """{key: (english entry, [app names], note)} of the messages that ``lang`` lacks in ``domain``."""
    result = {}
    if domain == "django":
        catalog = installed_translations(lang, "django")
        for config in sources():
            for entry in english_entries(config, "django"):
                key = key_of(entry)
                if key in result:
                    result[key][1].append(config.name)
                    continue
                found = lookup(catalog, key, bool(entry.msgid_plural))
                if found is None:
                    result[key] = (entry, [config.name], None)
                else:
                    texts = found if isinstance(found, list) else [found]
                    why = defect(entry.msgid, texts, entry.flags, entry.msgid_plural)
                    why = why or CORRECTIONS.get((lang, domain, entry.msgid))
                    if why:
                        result[key] = (entry, [config.name], installed_note(entry, texts, why))
    else:
        configs = {c.name: c for c in source_apps()}
        for package in JS_PACKAGES:
            catalog = installed_translations(lang, domain, package)
            for entry in english_entries(configs[package], domain):
                key = key_of(entry)
                found = lookup(catalog, key, bool(entry.msgid_plural))
                texts = found if isinstance(found, list) else [found] if found is not None else None
                why = (
                    "missing"
                    if texts is None
                    else defect(entry.msgid, texts, entry.flags, entry.msgid_plural)
                    or CORRECTIONS.get((lang, domain, entry.msgid))
                )
                if key in result:
                    if why:
                        result[key][1].append(package)
                    continue
                if why:
                    note = None if texts is None else installed_note(entry, texts, why)
                    result[key] = (entry, [package], note)
    return result


def suggestions(lang):
    """Translations of the same message elsewhere in ``lang`` (other domain, other package)."""
    found = {}
    for domain in DOMAINS:
        packages = [None] if domain == "django" else JS_PACKAGES
        for package in packages:
            catalog = installed_translations(lang, domain, package)
            for k in list(catalog.keys()):
                msg = k[0] if isinstance(k, tuple) else k
                if not msg:
                    continue
                ctx, _, msgid = msg.rpartition(SEP) if SEP in msg else (None, None, msg)
                key = (ctx or None, msgid)
                if isinstance(k, tuple):
                    forms = lookup(catalog, key, True)
                    if forms and not defect(msgid, forms, [], msgid):
                        found.setdefault((key, True), forms)
                else:
                    text = catalog.get(k)
                    if text and not defect(msgid, [text], []):
                        found.setdefault((key, False), text)
    for source in borrowed_sources():
        catalog = source.translations(lang)
        for k, text in catalog.items():
            msg = k[0] if isinstance(k, tuple) else k
            if not msg or not text:
                continue
            ctx, _, msgid = msg.rpartition(SEP) if SEP in msg else (None, None, msg)
            key = (ctx or None, msgid)
            if isinstance(k, tuple):
                forms = lookup(catalog, key, True)
                found.setdefault((key, True), forms)
            else:
                found.setdefault((key, False), text)
    return found


def po_path(lang, domain):
    return OUT_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def existing(lang, domain):
    path = po_path(lang, domain)
    if not path.exists():
        return {}
    return {key_of(e): e for e in polib.pofile(str(path)) if not e.obsolete}


def is_translated(entry):
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def build(lang, domain, suggested=None, own_other=None):
    po = polib.POFile(wrapwidth=100)
    po.metadata = {
        "Project-Id-Version": "bilateral-initiative admin catalogue",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[lang],
    }
    po.header = (
        f"Wagtail's and wagtail-localize's admin messages that their own {lang} catalogues lack.\n"
        "Kept in step with the installed packages by scripts/admin_catalogues.py."
    )
    old = existing(lang, domain)
    for key, (source, app_names, note) in needed(lang, domain).items():
        entry = polib.POEntry(
            msgctxt=source.msgctxt,
            msgid=source.msgid,
            msgid_plural=source.msgid_plural,
            flags=[f for f in source.flags if f != "fuzzy"],
            comment="; ".join(app_names) + (f"; {note[0]}" if note else ""),
        )
        previous = old.get(key)
        if previous is not None and is_translated(previous):
            if source.msgid_plural:
                entry.msgstr_plural = dict(previous.msgstr_plural)
            else:
                entry.msgstr = previous.msgstr
        else:
            plural = bool(source.msgid_plural)
            # A defective or corrected installed translation is never a suggestion.
            guess = note[1] if note else None
            for table in () if note else (own_other or {}, suggested or {}):
                guess = table.get((key, plural))
                if guess:
                    texts = guess if isinstance(guess, list) else [guess]
                    if defect(source.msgid, texts, source.flags, source.msgid_plural) == WHITESPACE:
                        guess = installed_note(source, texts, WHITESPACE)[1]
                    break
            if plural:
                if isinstance(guess, list) and len(guess) == 4 and lang == "pl":
                    # Django's Polish catalogues have a fourth form, for fractions only.
                    guess = guess[:3]
                forms = guess if isinstance(guess, list) and len(guess) == NPLURALS[lang] else None
                entry.msgstr_plural = (
                    dict(enumerate(forms)) if forms else dict.fromkeys(range(NPLURALS[lang]), "")
                )
            else:
                entry.msgstr = guess if isinstance(guess, str) else ""
        po.append(entry)
    return po


def own_translations(lang, domain):
    return {
        (key_of(e), bool(e.msgid_plural)): (
            [e.msgstr_plural[i] for i in sorted(e.msgstr_plural)] if e.msgid_plural else e.msgstr
        )
        for e in existing(lang, domain).values()
        if is_translated(e)
    }


def render(po):
    return str(po) + "\n"


def update(check=False):
    stale = []
    incomplete = {}
    for lang in LANGUAGES:
        suggested = suggestions(lang)
        for domain in DOMAINS:
            other = "djangojs" if domain == "django" else "django"
            po = build(lang, domain, suggested, own_translations(lang, other))
            path = po_path(lang, domain)
            text = render(po)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path.relative_to(BASE_DIR)))
                if not check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(text, encoding="utf-8")
            missing = [e.msgid for e in po if not is_translated(e)]
            incomplete[(lang, domain)] = missing
            say(f"{lang} {domain}: {len(po)} messages, {len(missing)} untranslated")
    if check:
        for path in stale:
            say(f"not current: {path} (run scripts/admin_catalogues.py)")
        return 1 if stale or any(incomplete.values()) else 0
    return 0


def todo(lang, domain):
    out = {}
    for e in polib.pofile(str(po_path(lang, domain))):
        if not is_translated(e):
            k = catalogue_key(key_of(e))
            out[k] = [e.msgid, e.msgid_plural] if e.msgid_plural else e.msgid
    say(json.dumps(out, ensure_ascii=False, indent=1))


def fill(lang, domain, batch_file):
    batch = json.loads(Path(batch_file).read_text(encoding="utf-8"))
    path = po_path(lang, domain)
    po = polib.pofile(str(path), wrapwidth=100)
    by_key = {catalogue_key(key_of(e)): e for e in po}
    problems = 0
    for k, value in batch.items():
        entry = by_key.get(k)
        if entry is None:
            say(f"unknown message: {k!r}")
            problems += 1
            continue
        texts = value if isinstance(value, list) else [value]
        why = defect(entry.msgid, texts, entry.flags, entry.msgid_plural)
        if entry.msgid_plural:
            if not isinstance(value, list) or len(value) != NPLURALS[lang]:
                say(f"needs {NPLURALS[lang]} plural forms: {k!r}")
                problems += 1
                continue
            entry.msgstr_plural = dict(enumerate(value))
        else:
            if not isinstance(value, str):
                say(f"not plural: {k!r}")
                problems += 1
                continue
            entry.msgstr = value
        if why:
            say(f"{why}: {k!r} -> {value!r}")
            problems += 1
    path.write_text(render(po), encoding="utf-8")
    say(f"{len(batch) - problems} merged, {problems} problems")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--todo", nargs=2, metavar=("LANG", "DOMAIN"))
    parser.add_argument("--fill", nargs=3, metavar=("LANG", "DOMAIN", "JSON"))
    args = parser.parse_args()
    setup_django()
    if args.todo:
        return todo(*args.todo)
    if args.fill:
        return fill(*args.fill)
    return update(check=args.check)


if __name__ == "__main__":
    sys.exit(main())
