"""Alphabetical order by the rules of each site language, without ICU.

PyICU is not installable here, so speakers are sorted with
:func:`collation_key`, built from each language's alphabet:

* ``nb``: a–z, then Æ Ø Å; Ä sorts as Æ, Ö as Ø, Ü as Y, "aa" as Å
  (as ICU's Norwegian tailoring does);
* ``pl``: Ą after A, Ć after C, Ę after E, Ł after L, Ń after N, Ó after O,
  Ś after S, Ź and Ż after Z;
* ``is``: Á after A, Ð after D, É after E, Í after I, Ó after O, Ú after U,
  Ý after Y, then Þ Æ Ö at the end (Ä sorts as Æ, Ø as Ö);
* ``en`` (and any other language): accents are ignored, Æ as "ae", Ø as "o",
  Ł as "l", Ð as "d", Þ as "th", ß as "ss".

Letters that are not in a language's alphabet fall back to their base letter
(é in Norwegian sorts as e). The comparison is case-insensitive at the first
level; ties are broken by accents, then by case, then by the text itself, so
the order is total and stable.
"""

import unicodedata

# Each entry is a letter of the alphabet in order. Letters not listed are
# decomposed to their base letter (or spelled out in FOLDED).
ALPHABETS = {
    "pl": "a ą b c ć d e ę f g h i j k l ł m n ń o ó p q r s ś t u v w x y z ź ż",
    "nb": "a b c d e f g h i j k l m n o p q r s t u v w x y z æ ø å",
    "is": "a á b c d ð e é f g h i í j k l m n o ó p q r s t u ú v w x y ý z þ æ ö",
    "en": "a b c d e f g h i j k l m n o p q r s t u v w x y z",
}

# Per-language equivalences: a letter sorted as another letter (or letters) of the alphabet.
EQUIVALENTS = {
    "nb": {"ä": "æ", "ö": "ø", "ü": "y", "ő": "ø", "ű": "y"},
    "is": {"ä": "æ", "ø": "ö", "ő": "ö"},
}
# Contractions: letter sequences that sort as one letter.
CONTRACTIONS = {
    "nb": {"aa": "å"},
}
# Letters that do not decompose in Unicode, written with base letters.
FOLDED = {
    "æ": "ae",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ß": "ss",
    "œ": "oe",
    "ı": "i",
}

_ORDER = {
    code: {letter: i + 1 for i, letter in enumerate(alpha.split())} for code, alpha in ALPHABETS.items()
}


def _language(language_code):
    code = (language_code or "").lower().split("-")[0].split("_")[0]
    if code in ("no", "nn"):
        code = "nb"
    return code if code in ALPHABETS else "en"


def _base(char):
    """The letter without accents: é → e; letters that do not decompose through FOLDED."""
    if char in FOLDED:
        return FOLDED[char]
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or char


def _primary(text, code):
    """The sequence of alphabet positions of ``text`` (lower-cased), and accent marks per letter."""
    order = _ORDER[code]
    equivalents = EQUIVALENTS.get(code, {})
    contractions = CONTRACTIONS.get(code, {})
    text = unicodedata.normalize("NFC", text.casefold())
    weights, accents = [], []
    i = 0
    while i < len(text):
        for sequence, letter in contractions.items():
            if text.startswith(sequence, i):
                weights.append(order[letter])
                accents.append(1)
                i += len(sequence)
                break
        else:
            char = text[i]
            i += 1
            if char in order:
                weights.append(order[char])
                accents.append(0)
            elif char in equivalents:
                for letter in equivalents[char]:
                    weights.append(order[letter])
                    accents.append(1)
            elif char.isalpha() or char.isdigit():
                base = _base(char)
                for letter in base:
                    if letter in order:
                        weights.append(order[letter])
                    elif letter in "0123456789":
                        # Digits before letters, in numeric order.
                        weights.append(int(letter) - 10)
                    else:
                        # Outside every alphabet (another script): after the alphabet, by code point.
                        weights.append(1000 + ord(letter))
                    accents.append(0 if base == char else 1)
            else:
                # Spaces, hyphens, apostrophes: a word boundary sorts before any letter.
                if (char.isspace() or char in "-‐‑–—'’.") and weights and weights[-1] != -100:
                    weights.append(-100)
                    accents.append(0)
    return tuple(weights), tuple(accents)


def collation_key(text, language_code):
    """A sort key for ``text`` by the alphabet of ``language_code`` (pl, nb, is, en)."""
    text = text or ""
    code = _language(language_code)
    weights, accents = _primary(text, code)
    case = tuple(0 if c.islower() else 1 for c in text if c.isalpha())
    return (weights, accents, case, text)


def sort_by(items, language_code, *keys):
    """``items`` sorted by the collation of each of ``keys`` (callables) in turn."""
    return sorted(items, key=lambda item: tuple(collation_key(key(item), language_code) for key in keys))


def initial(text, language_code):
    """The letter ``text`` is filed under in an alphabetical index (upper case): "Øien" → "Ø" in nb."""
    code = _language(language_code)
    text = unicodedata.normalize("NFC", (text or "").strip())
    if not text:
        return ""
    lowered = text.casefold()
    for sequence, letter in CONTRACTIONS.get(code, {}).items():
        if lowered.startswith(sequence):
            return letter.upper()
    first = lowered[0]
    if first in _ORDER[code]:
        return first.upper()
    if first in EQUIVALENTS.get(code, {}):
        return EQUIVALENTS[code][first][0].upper()
    base = _base(first)
    return base[:1].upper() if base[:1].isalpha() else "#"
