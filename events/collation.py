"""Alphabetical order by the rules of each site language, with ICU (PyICU).

ICU's collation (CLDR) knows each language's alphabet: in Norwegian Æ Ø Å come
after Z and "aa" sorts as Å; in Polish Ą follows A, Ł follows L and so on; in
Icelandic Á follows A, Ð follows D, and Þ Æ Ö come last. ICU's alphabetic
index files a name under the letter its language's index shows ("Øien" under Ø
in Norwegian, under O in English).

One deliberate tailoring: languages without the letter Þ (English, the
fallback) sort it as "th", as they spell it, instead of after Z.

Norwegian variants (``no``, ``nn``) sort as ``nb``; any other language sorts as
English. Ties are broken by accents, then by case (ICU's levels), then by the
text itself, so the order is total and stable.
"""

import functools

import icu

LANGUAGES = ("pl", "nb", "is", "en")
FALLBACK = "en"
# Appended to the collation rules of languages without Þ: þ and Þ as "th".
THORN_AS_TH = "&th<<<þ<<<Þ"
# The index letter of names that do not start with a letter of the language's index.
OTHER_INITIAL = "#"


@functools.cache
def _language(language_code):
    code = (language_code or "").lower().split("-")[0].split("_")[0]
    if code in ("no", "nn"):
        code = "nb"
    return code if code in LANGUAGES else FALLBACK


@functools.cache
def _collator(code):
    collator = icu.Collator.createInstance(icu.Locale(code))
    if code != "is":
        collator = icu.RuleBasedCollator(collator.getRules() + THORN_AS_TH)
    return collator


@functools.cache
def _index(code):
    index = icu.AlphabeticIndex(_collator(code))
    index.addLabels(icu.Locale(code))
    return index.buildImmutableIndex()


def _keyer(language_code):
    """A function giving the sort key of a text by the collation of ``language_code`` (pl, nb, is, en)."""
    sort_key = _collator(_language(language_code)).getSortKey
    return lambda text: (sort_key(text or ""), text or "")


def collation_key(text, language_code):
    """A sort key for ``text`` by the collation of ``language_code`` (pl, nb, is, en)."""
    return _keyer(language_code)(text)


def sort_by(items, language_code, *keys):
    """``items`` sorted by the collation of each of ``keys`` (callables) in turn."""
    key_of = _keyer(language_code)
    return sorted(items, key=lambda item: tuple(key_of(key(item)) for key in keys))


def initial(text, language_code):
    """The letter ``text`` is filed under in an alphabetical index (upper case): "Øien" → "Ø" in nb."""
    text = (text or "").strip()
    if not text:
        return ""
    index = _index(_language(language_code))
    label, label_type = index.getBucket(index.getBucketIndex(text))
    return label if label_type == icu.UAlphabeticIndexLabelType.NORMAL else OTHER_INITIAL
