"""What changed: a changed Polish string starts from the translator's previous translation.

wagtail-localize stores translations per source text, so when a sync brings in a changed
Polish string, the editor shows it blank: the translator sees neither her previous text nor
what changed. After a sync, for every string that has no translation yet but had one at the
same place (field, block) before the change, the previous translation is filled in, marked
as needing a check (``has_error``: it does not count as translated, so nothing is published
with it), and its note says what changed in the Polish text, word by word, in the
translator's language. Saving the string in the editor (changed or not) clears the mark.
"""

import difflib

from django.utils import translation as django_translation
from django.utils.translation import gettext
from wagtail_localize.models import StringSegment, StringTranslation

ELLIPSIS = "…"


def word_diff(before, after, context=3):
    """The changed words of ``before`` → ``after``, as "“old” → “new”" pieces with a few words around."""
    old, new = before.split(), after.split()
    pieces = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        lead = old[max(0, i1 - context) : i1]
        removed, added = " ".join(old[i1:i2]), " ".join(new[j1:j2])
        prefix = (ELLIPSIS + " " if i1 - context > 0 else "") + " ".join(lead)
        change = (
            f"“{removed}” → “{added}”"
            if removed and added
            else (f"−“{removed}”" if removed else f"+“{added}”")
        )
        pieces.append(f"{prefix} {change}".strip())
    return "; ".join(pieces)


def carry_over_previous_translations(source, locale):
    """Fill each new, untranslated string of ``source`` in ``locale`` with the previous translation.

    Returns the number of strings filled in.
    """
    segments = (
        StringSegment.objects.filter(source=source)
        .annotate_translation(locale, include_errors=True)
        .filter(translation__isnull=True)
        .select_related("string", "context")
    )
    filled = 0
    for segment in segments:
        previous = (
            StringTranslation.objects.filter(context_id=segment.context_id, locale=locale, has_error=False)
            .exclude(translation_of_id=segment.string_id)
            .select_related("translation_of", "last_translated_by")
            .order_by("-updated_at")
            .first()
        )
        if previous is None:
            continue
        with django_translation.override(locale.language_code):
            note = gettext(
                "The Polish text changed: %(changes)s. Your previous translation is filled in: "
                "check it, change what is needed and save."
            ) % {"changes": word_diff(previous.translation_of.data, segment.string.data)}
        StringTranslation.objects.create(
            translation_of_id=segment.string_id,
            locale=locale,
            context_id=segment.context_id,
            data=previous.data,
            translation_type=previous.translation_type,
            tool_name=previous.tool_name,
            last_translated_by=previous.last_translated_by,
            has_error=True,
            field_error=note,
        )
        filled += 1
    return filled
