"""Translators work in their own language: the admin a Norwegian or Icelandic translator meets
shows neither English nor Polish interface text.

Every message of the installed Wagtail apps, wagtail-localize and the project is known with its
English msgid and its Polish translation. A screen fails when one of its visible texts (text
nodes, aria-label, title, placeholder) is such an English msgid that the user's language
translates differently (left in English), or such a Polish translation that differs from the
user's language (Polish leaked). The JavaScript catalogues the admin and the translation editor
load must hold every message their scripts use. ``locale_admin`` (scripts/admin_catalogues.py)
fills what Wagtail's and wagtail-localize's own catalogues lack.
"""

import importlib.util
import json
import re
from functools import cache
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup, NavigableString
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from translations.teams import team_for

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "admin_catalogues.py"
TARGETS = ["nb", "is"]
TAG = re.compile(r"<[^>]+>")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
WORD = re.compile(r"[^\W\d_]{2,}")


def load_script():
    spec = importlib.util.spec_from_file_location("admin_catalogues", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def english_entries():
    """(domain, msgctxt, msgid, msgid_plural) of the installed Wagtail apps, wagtail-localize, the project."""
    script = load_script()
    found = []
    for config in script.source_apps():
        for domain in script.DOMAINS:
            found += [
                (domain, e.msgctxt, e.msgid, e.msgid_plural) for e in script.english_entries(config, domain)
            ]
    project = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
    found += [("django", e.msgctxt, e.msgid, e.msgid_plural) for e in polib.pofile(str(project)) if e.msgid]
    return sorted(set(found), key=lambda e: (e[0], e[1] or "", e[2]))


def catalogue(code, domain):
    """Django's translation of ``code`` in ``domain``, as the admin pages and JS catalogues load it."""
    if domain == "django":
        with translation.override(code):
            return translation.trans_real.translation(code)
    paths = [
        str(Path(apps.get_app_config(label).path) / "locale")
        for label in ("wagtailadmin", "wagtail_localize")
    ]
    return translation.trans_real.DjangoTranslation(code, domain="djangojs", localedirs=paths)


def translations_in(code, entries):
    """For each message: the set of forms it takes in ``code``, or None where ``code`` lacks it."""
    catalogues = {domain: catalogue(code, domain) for domain in ("django", "djangojs")}
    forms = []
    for domain, ctx, msgid, plural in entries:
        trans = catalogues[domain]
        key = f"{ctx}\x04{msgid}" if ctx else msgid
        if (key, 0) not in trans._catalog if plural else key not in trans._catalog:
            forms.append(None)
        elif plural:
            forms.append(
                {
                    trans.npgettext(ctx, msgid, plural, n) if ctx else trans.ngettext(msgid, plural, n)
                    for n in (1, 2, 5, 21)
                }
            )
        else:
            forms.append({trans.pgettext(ctx, msgid) if ctx else trans.gettext(msgid)})
    return forms


def segments(text):
    """The pieces of a message a screen shows as separate texts: split at HTML tags, spaces normalised."""
    return [" ".join(part.split()) for part in TAG.split(text) if part.strip()]


class Matcher:
    """Finds the messages a visible text is: exact texts, and patterns for texts with placeholders."""

    def __init__(self):
        self.exact = {}
        self.patterns = {}

    def add(self, text, label):
        for segment in segments(text):
            literal = PLACEHOLDER.sub(" ", segment)
            words = WORD.findall(literal)
            if not words:
                continue  # a placeholder, a number or punctuation: nothing a reader would read
            if not PLACEHOLDER.search(segment):
                self.exact.setdefault(segment, label)
                continue
            pieces = PLACEHOLDER.split(segment)
            pattern = re.compile("(?:.+?)".join(re.escape(p) for p in pieces), re.DOTALL)
            key = max(words, key=len)
            self.patterns.setdefault(key, []).append((pattern, label))

    def find(self, text):
        if text in self.exact:
            return self.exact[text]
        found = [
            (len(pattern.pattern), label)
            for word in set(WORD.findall(text))
            for pattern, label in self.patterns.get(word, ())
            if pattern.fullmatch(text)
        ]
        return max(found)[1] if found else None  # the most specific message


@cache
def detectors(code):
    """(English matcher, Polish matcher, every text ``code`` itself uses) for the user's language."""
    entries = english_entries()
    own = translations_in(code, entries)
    polish = translations_in("pl", entries)
    own_texts = {s for texts in own if texts for text in texts for s in segments(text)}
    english, leaked = Matcher(), Matcher()
    for (_domain, _ctx, msgid, plural), own_forms, polish_forms in zip(entries, own, polish, strict=True):
        for source in filter(None, (msgid, plural)):
            if own_forms is None or source not in own_forms:
                english.add(source, f"English {msgid!r}")
        for text in (polish_forms or set()) - (own_forms or set()):
            if text not in (msgid, plural):
                leaked.add(text, f"Polish {text!r} for {msgid!r}")
    return english, leaked, own_texts


READABLE_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


# Interface text that no catalogue can translate: Wagtail writes it in English in a template.
# Each entry names the template; remove it when Wagtail translates the text.
UNTRANSLATABLE_UPSTREAM = {
    "Actions": 'wagtailadmin/shared/headers/_actions.html: <nav aria-label="Actions"> (Wagtail 7.4)',
}


def visible_texts(html, data):
    """Texts a user reads: text nodes (not scripts, styles, templates or hidden elements) and
    readable attributes."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "template", "noscript"]):
        tag.decompose()
    for tag in soup.select("[hidden]"):
        tag.decompose()
    texts = [" ".join(node.split()) for node in soup.find_all(string=True) if type(node) is NavigableString]
    for tag in soup.find_all(True):
        texts += [" ".join(tag[name].split()) for name in READABLE_ATTRIBUTES if tag.has_attr(name)]
    return [t for t in texts if t and t not in data and t not in UNTRANSLATABLE_UPSTREAM and WORD.search(t)]


def wrong_language(html, code, data=frozenset()):
    english, leaked, own_texts = detectors(code)
    problems = []
    for text in visible_texts(html, data):
        if text in own_texts:
            continue
        found = english.find(text) or leaked.find(text)
        if found:
            problems.append(f"{text!r}: {found}")
    return sorted(set(problems))


def content_texts():
    """User content (page titles, snippet names, people's names) is data, not interface text; so are
    time zone names and languages' names in their own language (the admin lists languages so)."""
    import zoneinfo

    from django.utils.translation import get_language_info

    from events.models import Organisation

    texts = set(zoneinfo.available_timezones())
    for code, name in settings.LANGUAGES:
        texts |= {name, get_language_info(code)["name_local"]}
    for title, draft_title in Page.objects.values_list("title", "draft_title"):
        texts |= {title, draft_title}
    texts |= {str(o) for o in Organisation.objects.all()}
    texts |= {u.get_full_name() or u.get_username() for u in get_user_model().objects.all()}
    return frozenset(" ".join(t.split()) for t in texts if t)


# --- Users and screens ---------------------------------------------------------------------------


def translator(username, code):
    """A member of a translators' team whose admin is in the team's language."""
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(username, password="pw", first_name=username.title())
    user.groups.add(team_for(code))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()
    return user


def translated_page(code):
    """A page of ``code``'s tree that wagtail-localize translates (its editor is the translation editor)."""
    translation_ = (
        Translation.objects.filter(
            target_locale__language_code=code, source__specific_content_type__model="speakerpage"
        )
        .select_related("source")
        .first()
    )
    assert translation_ is not None, "the demo has wagtail-localize translations"
    return translation_.source.get_source_instance().get_translation(translation_.target_locale)


def awaiting_review(page, code):
    """Another member of the team submits ``page`` for review: the user is asked to review it."""
    colleague = translator(f"colleague-{code}", code)
    workflow = page.get_workflow()
    assert workflow is not None, "each language's tree has its review workflow"
    page.save_revision(user=colleague)
    workflow.start(page, colleague)


def screens(code):
    page = translated_page(code)
    home = page.get_ancestors().get(depth=2)
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[home.pk]),
        "explorer of a section": reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
        "translation editor": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "page history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "search": reverse("wagtailadmin_pages:search") + "?q=a",
        "workflow report": reverse("wagtailadmin_reports:workflow"),
        "workflow tasks report": reverse("wagtailadmin_reports:workflow_tasks"),
        "aging pages": reverse("wagtailadmin_reports:aging_pages"),
        "site history": reverse("wagtailadmin_reports:site_history"),
        "translation status": reverse("translations:status_report"),
        "account": reverse("wagtailadmin_account"),
        "organisations (snippets)": reverse("wagtailsnippets_events_organisation:list"),
        "organisation editor": reverse(
            "wagtailsnippets_events_organisation:edit", args=[organisation(code).pk]
        ),
    }


# Screens translators have no permission for (Wagtail sends them to the dashboard with a message).
FORBIDDEN = ["wagtailadmin_reports:locked_pages", "wagtailsnippets:index", "wagtailimages:index"]


def organisation(code):
    from events.models import Organisation

    return Organisation.objects.filter(locale__language_code=code).first()


@pytest.fixture
def translator_client(request):
    code = request.param
    user = translator(f"translator-{code}", code)
    client = Client()
    client.force_login(user)
    return code, client


# --- The screens ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("translator_client", TARGETS, indirect=True)
def test_the_screens_a_translator_meets_are_in_their_language(translator_client):
    code, client = translator_client
    awaiting_review(translated_page(code), code)
    data = content_texts()
    problems = {}
    for name, url in screens(code).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        html = response.content.decode()
        assert f'<html lang="{code}"' in html, name
        found = wrong_language(html, code, data)
        if found:
            problems[name] = found
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.django_db
def test_the_screens_a_polish_editor_meets_are_in_polish():
    """The source language's editors: Wagtail's Polish catalogues have gaps of their own."""
    client = Client()
    client.force_login(translator("editor-pl", "pl"))
    page = translated_page("nb").get_translation(Locale.objects.get(language_code="pl"))
    urls = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
        "page editor": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "page history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "workflow report": reverse("wagtailadmin_reports:workflow"),
        "locked pages": reverse("wagtailadmin_reports:locked_pages"),
        "account": reverse("wagtailadmin_account"),
        "organisations (snippets)": reverse("wagtailsnippets_events_organisation:list"),
        "organisation editor": reverse(
            "wagtailsnippets_events_organisation:edit", args=[organisation("pl").pk]
        ),
    }
    data = content_texts()
    problems = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        found = wrong_language(response.content.decode(), "pl", data)
        if found:
            problems[name] = found
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.django_db
@pytest.mark.parametrize("translator_client", TARGETS, indirect=True)
def test_the_review_waiting_for_the_translator_is_announced_in_their_language(translator_client):
    code, client = translator_client
    page = translated_page(code)
    awaiting_review(page, code)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    with translation.override(code):
        heading = translation.gettext("Awaiting your review")
    assert heading != "Awaiting your review"
    assert heading in html
    assert page.title in html


@pytest.mark.django_db
@pytest.mark.parametrize("translator_client", TARGETS, indirect=True)
def test_the_dashboard_counts_pages_in_the_users_language(translator_client):
    """Wagtail's summary ("12 Pages created in …") and the page counter of listings."""
    code, client = translator_client
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    summary = " ".join(soup.select_one(".w-summary").get_text(" ").split())
    assert "Page" not in summary and "stron" not in summary, summary


@pytest.mark.django_db
@pytest.mark.parametrize("translator_client", TARGETS, indirect=True)
def test_a_screen_without_permission_is_refused_in_the_users_language(translator_client):
    code, client = translator_client
    problems = {}
    for name in FORBIDDEN:
        response = client.get(reverse(name), follow=True)
        assert response.redirect_chain, name
        messages = [str(m) for m in response.context["messages"]]
        assert messages, name
        found = wrong_language("".join(f"<p>{m}</p>" for m in messages), code)
        if found:
            problems[name] = found
    assert not problems, problems


@pytest.mark.django_db
@pytest.mark.parametrize("translator_client", TARGETS, indirect=True)
def test_a_yes_no_filter_shows_its_value_in_the_users_language(translator_client):
    code, client = translator_client
    url = reverse("wagtailadmin_reports:site_history") + "?is_commenting_action=true"
    texts = visible_texts(client.get(url).content.decode(), frozenset())
    assert not {"True", "False"} & set(texts), code


# --- The JavaScript catalogues -------------------------------------------------------------------


def javascript_catalogue(client, url):
    response = client.get(url)
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.DOTALL)
    return json.loads(match.group(1)) if match else {}


def js_messages(package):
    script = load_script()
    config = next(c for c in script.source_apps() if c.name == package)
    return script.english_entries(config, "djangojs")


@pytest.mark.django_db
@pytest.mark.parametrize("translator_client", TARGETS, indirect=True)
@pytest.mark.parametrize(
    ("url", "package"),
    [("/admin/jsi18n/", "wagtail.admin"), ("/admin/localize/jsi18n/", "wagtail_localize")],
)
def test_the_javascript_catalogues_translate_every_message(translator_client, url, package):
    """The React translation editor and Wagtail's admin scripts find each of their messages."""
    code, client = translator_client
    catalogue = javascript_catalogue(client, url)
    client.cookies.clear()
    polish_client = Client()
    polish_client.force_login(translator("editor-pl", "pl"))
    polish = javascript_catalogue(polish_client, url)
    missing, polish_left = [], []
    for entry in js_messages(package):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        value = catalogue.get(key)
        if not value or (isinstance(value, list) and not all(value)):
            missing.append(entry.msgid)
        elif value == polish.get(key) and value != entry.msgid and value not in (entry.msgid_plural,):
            polish_left.append(entry.msgid)
        elif isinstance(value, str) and entry.msgid[-1:] == " " and not value.endswith(" "):
            missing.append(f"{entry.msgid!r} loses its trailing space: {value!r}")
    assert not missing, missing
    assert not polish_left, polish_left


# --- The catalogues themselves -------------------------------------------------------------------


@pytest.mark.parametrize("code", ["nb", "is", "pl"])
def test_admin_catalogues_hold_every_missing_message(code):
    """locale_admin is current: every message the installed catalogues lack is there, translated.

    After a Wagtail or wagtail-localize upgrade: run scripts/admin_catalogues.py and translate
    the new entries.
    """
    script = load_script()
    for domain in script.DOMAINS:
        needed = script.needed(code, domain)
        po = polib.pofile(str(script.po_path(code, domain)))
        present = {script.key_of(e): e for e in po if not e.obsolete}
        assert set(needed) - set(present) == set(), f"{code} {domain}: run scripts/admin_catalogues.py"
        untranslated = [e.msgid for e in po if not script.is_translated(e)]
        assert untranslated == [], f"{code} {domain}: untranslated {untranslated[:10]}"
        for entry in po:
            texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
            assert not script.defect(entry.msgid, texts, entry.flags, entry.msgid_plural), entry.msgid
        assert po.metadata["Plural-Forms"] == script.PLURAL_FORMS[code]


def test_admin_catalogues_come_after_the_projects_own():
    paths = [Path(p) for p in settings.LOCALE_PATHS]
    assert paths.index(Path(settings.BASE_DIR) / "locale") < paths.index(
        Path(settings.BASE_DIR) / "locale_admin"
    )


# --- The detector can fail -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "html", "expected"),
    [
        ("nb", "<button>More actions</button>", "English"),
        ("nb", "<a href='#'>Pomoc</a>", "Polish"),
        ("nb", "<input placeholder='Szukaj we wszystkich stronach…'>", "Polish"),
        ("nb", "<p>12 stron <span>utworzonych w 127.0.0.1</span></p>", "Polish"),
        ("is", "<p>1-2 of 2 síður</p>", "English"),
        ("is", "<span aria-label='Download PO file'></span>", "English"),
        ("nb", "<button>Flere handlinger</button><a>Hjelp</a>", None),
        ("is", "<p>1-2 af 2 síður</p>", None),
    ],
)
def test_the_detector_finds_english_and_polish(code, html, expected):
    found = wrong_language(html, code)
    if expected is None:
        assert found == []
    else:
        assert found and all(expected in f for f in found), found
