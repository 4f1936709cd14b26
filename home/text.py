"""Text helpers shared by templates and structured data."""

import re

from wagtail.rich_text import get_text_for_indexing

# Runs of whitespace other than the non-breaking space, which is kept as the editor typed it.
WHITESPACE = re.compile(r"[^\S\xa0]+")


def plain_text(html):
    """Rich text as one line of plain text: no tags, entities decoded, blocks and line breaks as spaces.

    Wagtail's ``get_text_for_indexing`` leaves a space after block elements and
    ``<br>``, so ``<p>a</p><p>b</p>`` is "a b", not "ab"; ``&amp;`` is "&" and
    ``&nbsp;`` a non-breaking space (Django's ``striptags`` keeps entities,
    which autoescaping or JSON would then carry as ``&amp;``).
    """
    return WHITESPACE.sub(" ", get_text_for_indexing(str(html or ""))).strip()
