"""ASCII page addresses in every language, keeping every letter readable.

Django's ``slugify`` drops each letter that has no ASCII decomposition: "bærekraft" became
"brekraft", "þýðing" "ying", "współpraca" "wspopraca". ``ascii_slug`` writes those letters
the way Polish, Norwegian and Icelandic readers spell them in ASCII.
"""

import unicodedata

from django.utils.text import slugify

# Letters of Polish, Norwegian and Icelandic (and German, for names) that NFKD cannot reduce.
TRANSLITERATION = str.maketrans(
    {
        "ł": "l", "Ł": "L",
        "ø": "o", "Ø": "O",
        "æ": "ae", "Æ": "Ae",
        "å": "a", "Å": "A",
        "þ": "th", "Þ": "Th",
        "ð": "d", "Ð": "D",
        "ß": "ss",
        "œ": "oe", "Œ": "Oe",
    }
)  # fmt: skip


def ascii_slug(text):
    """A slug of ``text`` in ASCII letters, digits and hyphens, keeping every letter readable."""
    text = unicodedata.normalize("NFKD", str(text).translate(TRANSLITERATION))
    return slugify(text.encode("ascii", "ignore").decode("ascii"))
