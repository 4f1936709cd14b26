"""Search that understands inflection: words are matched by their base form, in each page's language.

PostgreSQL has stemmers for English and Norwegian only, and SQLite's full-text
index has none, so the site reduces words itself, in Python, the same way when
indexing and when querying, on top of Wagtail's database search backends:

* a word's *base form* (``base_form``) is its lemma from ``simplemma`` (Polish,
  Icelandic, Norwegian Bokmål, English: "samorządów" → "samorząd",
  "sveitarfélaga" → "sveitarfélag", "byene" → "by"); for Norwegian and English
  the lemma is then cut to its Snowball stem (PyStemmer), which also joins
  derived forms simplemma keeps apart ("samarbeidet"/"samarbeid",
  "resilience"/"resilient");
* every searchable page carries one search-only field, ``search_base_forms``
  (``BaseFormsIndexed``): the base forms of the words of its other search
  fields, in the page's own language, so the index holds both the words as
  written and their base forms;
* a query word matches its exact form or its base form (``search_query``), so a
  visitor finds "samorządów" with "samorząd" and the reverse, on SQLite and on
  PostgreSQL alike (where the language's text-search configuration still
  applies on top: ``home/search_backend.py``);
* results are ranked by where the words are (``rank``): title first, then the
  summary, then the rest, each tier in the backend's relevance order; the title
  and summary are shown with the matching words marked (``highlight``), found
  with the same base forms.

What it does not do: no spelling correction or fuzzy matching, no prefix
matching, no synonyms; a word simplemma does not know (a rare compound, a
name) keeps its exact form; compounds are not split ("áfallaþol" does not find
"þol"); derived words of Polish and Icelandic ("kryzysowy" from "kryzys") are
not joined.
"""

import functools
import re
from dataclasses import dataclass

import simplemma
import Stemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe
from modelsearch.query import And, Or, PlainText
from wagtail.search import index

WORD = re.compile(r"\w+")
# Snowball stemmers applied to the lemma (PostgreSQL's own configurations use the same algorithms).
SNOWBALL = {"nb": "norwegian", "en": "english"}
# simplemma's language codes; Norwegian Bokmål is "nb" in both.
SIMPLEMMA = {"pl": "pl", "is": "is", "nb": "nb", "en": "en"}
BASE_FORMS_FIELD = "search_base_forms"
# The first results, ranked in Python by where the words are (the rest keep the backend's order).
RANK_LIMIT = 100
SNIPPET_WORDS = 40


@functools.cache
def _stemmer(language):
    algorithm = SNOWBALL.get(language)
    return Stemmer.Stemmer(algorithm) if algorithm else None


def _lemma(word, code):
    """simplemma's lemma, trying the word as written, in lower case and capitalised (a visitor types
    "warszawie" for "Warszawie"); ``None`` when simplemma knows none of them."""
    for candidate in dict.fromkeys((word, word.lower(), word.capitalize())):
        lemma = simplemma.lemmatize(candidate, lang=code)
        if lemma != candidate:
            return lemma
    return None


@functools.lru_cache(maxsize=100_000)
def base_form(word, language):
    """The base form of ``word`` in ``language``, in lower case; the word itself when it is unknown."""
    code = SIMPLEMMA.get(language)
    if code is None or word.isdigit():
        return word.lower()
    lemma = _lemma(word, code)
    if lemma is None and language == "nb" and len(word) > 3 and word.endswith("s"):
        # Norwegian genitive: "byers" is "byer" + s.
        lemma = _lemma(word[:-1], code)
    lemma = (lemma or word).lower()
    stemmer = _stemmer(language)
    return stemmer.stemWord(lemma) if stemmer else lemma


def words(text):
    return WORD.findall(text or "")


def base_forms_text(text, language):
    """The base forms of the words of ``text`` that differ from the word as written, once each."""
    forms = {}
    for word in words(text):
        form = base_form(word, language)
        if form != word.lower():
            forms.setdefault(form, None)
    return " ".join(forms)


def plain(value):
    """The text of a search field's value (rich text and StreamField give lists of strings)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(plain(item) for item in value.values())
    return str(value)


@functools.cache
def _locale_codes():
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("pk", "language_code"))


def language_of(obj):
    """The language code of a translatable object, without a query per object."""
    locale_id = getattr(obj, "locale_id", None)
    codes = _locale_codes()
    if locale_id not in codes:
        _locale_codes.cache_clear()
        codes = _locale_codes()
    return codes.get(locale_id, "")


class BaseFormsIndexed:
    """Mixin for indexed pages: ``search_base_forms``, the base forms of their searchable words.

    Add ``index.SearchField("search_base_forms")`` (``BASE_FORMS``) to ``search_fields``.
    """

    def search_base_forms(self):
        texts = [
            plain(field.get_value(self))
            for field in self.get_search_fields()
            if isinstance(field, index.SearchField) and field.field_name != BASE_FORMS_FIELD
        ]
        return base_forms_text(" ".join(texts), language_of(self))


BASE_FORMS = index.SearchField(BASE_FORMS_FIELD)


def query_words(terms):
    """The distinct words of a query, in order."""
    return list(dict.fromkeys(word.lower() for word in words(terms)))


def search_query(terms, language):
    """A Wagtail query: every word, each in its exact form or its base form."""
    parts = []
    for word in query_words(terms):
        form = base_form(word, language)
        parts.append(PlainText(word) if form == word else Or([PlainText(word), PlainText(form)]))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


class Matcher:
    """Which words of a text match a query: the same word, or the same base form, in ``language``."""

    def __init__(self, terms, language):
        self.language = language
        self.words = set(query_words(terms))
        self.forms = {base_form(word, language) for word in self.words}

    def __call__(self, word):
        lower = word.lower()
        return lower in self.words or base_form(lower, self.language) in self.forms

    def count(self, text):
        return sum(1 for word in words(text) if self(word))


def summary_of(page):
    """The text shown under a result's title: the same fields, in the same order, as before ranking."""
    for name in ("search_description", "summary", "job_title"):
        value = getattr(page, name, "")
        if value:
            return value
    return ""


def highlight(text, matcher, limit=None):
    """``text`` as safe HTML with the matching words in ``<mark>``; with ``limit``, a window of that
    many words starting a little before the first match (an ellipsis marks what is left out)."""
    tokens = re.split(r"(\w+)", text or "")  # even indexes: the text between words; odd: words
    word_count = len(tokens) // 2
    start, end = 0, len(tokens)
    if limit and word_count > limit:
        first = next((i for i in range(1, len(tokens), 2) if matcher(tokens[i])), 1)
        first_word = max(0, (first - 1) // 2 - 5)
        first_word = min(first_word, word_count - limit)
        start = 2 * first_word + (1 if first_word else 0)
        end = 2 * (first_word + limit) if first_word + limit < word_count else len(tokens)
    parts = ["… " if start else ""]
    for i in range(start, end):
        token = tokens[i]
        if i % 2 and matcher(token):
            parts.append(f"<mark>{escape(token)}</mark>")
        else:
            parts.append(escape(token))
    if end < len(tokens):
        parts.append(" …")
    return mark_safe("".join(parts).strip())  # noqa: S308 (every piece is escaped above)


@dataclass
class Hit:
    """One search result: the page, its title and summary with the matching words marked."""

    page: object
    title: str
    summary: str


def tier(page, matcher):
    """0 when the title matches, 1 when the summary does, 2 otherwise."""
    if matcher.count(page.title):
        return 0
    if matcher.count(summary_of(page)):
        return 1
    return 2


class Ranked:
    """Search results (in the backend's relevance order) ranked by ``tier``, for a Paginator.

    Only the first ``limit`` results are fetched and ranked (the first pages a visitor reads);
    later ones keep the backend's order and are fetched a page at a time, so a word found on
    hundreds of pages costs a count and one page, not every page.
    """

    def __init__(self, results, matcher, limit=None):
        self.results = results
        self.matcher = matcher
        self.limit = RANK_LIMIT if limit is None else limit

    @functools.cached_property
    def head(self):
        return sorted(self.results[: self.limit], key=lambda page: tier(page, self.matcher))

    @functools.cached_property
    def _count(self):
        return self.results.count()

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(self._count)
        pages = self.head[start : min(stop, self.limit)]
        if stop > self.limit:
            pages += list(self.results[max(start, self.limit) : stop])
        return pages


def rank(results, matcher):
    return Ranked(results, matcher)


def hit(page, matcher):
    summary = summary_of(page)
    shown = highlight(summary, matcher, SNIPPET_WORDS) if summary else ""
    return Hit(page, highlight(page.title, matcher), shown)
