"""The one place that touches wagtail-localize's, polib's and Django's internals.

Every workaround for upstream behaviour lives here, each with a contract test in
``tests/test_compat.py`` pinned to the installed versions: the test fails the day
upstream changes, which is the day the workaround can be reviewed or deleted.

1. Admin catalogues fall back to English, not to the site's default language
   (``english_fallback``).
2. Saving a translation as a draft never changes what visitors see
   (``save_translation_draft``).
3. A PO upload is parsed from its bytes, never opened as a path (``parse_po_bytes``).
4. wagtail-localize's admin URLs are served through the translation policy
   (``guarded_localize_urls``).
"""

from django.utils.translation import trans_real

# --- 1. Catalogue fallback ---------------------------------------------------------------
#
# Django gives every non-English catalogue the catalogue of LANGUAGE_CODE (here Polish) as
# its fallback (DjangoTranslation._add_fallback). Wagtail's and wagtail-localize's own
# catalogues are incomplete in Norwegian, so a Norwegian translator met Polish words among
# Norwegian ones. With the fallback removed, a message missing from every catalogue of the
# active language shows its English msgid. The site's own catalogues are complete
# (tests/test_catalogues.py), so visitors see no difference.


def _no_default_language_fallback(self, localedirs=None):
    return None


def english_fallback():
    """Install once (TranslationsConfig.ready); idempotent."""
    cls = trans_real.DjangoTranslation
    if cls._add_fallback is _no_default_language_fallback:
        return
    cls._add_fallback = _no_default_language_fallback
    trans_real._translations = {}
    trans_real._default = None
