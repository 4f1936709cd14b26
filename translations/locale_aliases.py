"""Let Django find Wagtail's Icelandic admin catalogue.

Wagtail ships its Icelandic translation in ``locale/is_IS`` while Django's
language code is ``is`` (so Django looks in ``locale/is`` and finds nothing: the
admin stays in English). Django builds each catalogue with
``gettext.translation(..., languages=[locale])``; this adds the alias folders
to that list, so ``is`` also reads ``is_IS`` (and ``nb`` reads ``nb_NO``), merged
the way gettext merges fallbacks. Installed once from ``TranslationsConfig.ready``.
"""

import gettext as gettext_module

from django.utils.translation import trans_real

ALIASES = {"is": ["is_IS"], "nb": ["nb_NO"]}


def install():
    cls = trans_real.DjangoTranslation
    if getattr(cls._new_gnu_trans, "aliased", False):
        return

    def _new_gnu_trans(self, localedir, use_null_fallback=True):
        locale = self._DjangoTranslation__locale
        return gettext_module.translation(
            domain=self.domain,
            localedir=localedir,
            languages=[locale, *ALIASES.get(locale, [])],
            fallback=use_null_fallback,
        )

    _new_gnu_trans.aliased = True
    cls._new_gnu_trans = _new_gnu_trans
    trans_real._translations = {}
