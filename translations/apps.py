from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The editors' and translators' side of wagtail-localize.

    Language teams, safe sync, per-language machine translation, hardened PO
    upload, the translation review workflow and the translation status report.
    """

    name = "translations"
    verbose_name = _("Translations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import compat, signals, slugs  # noqa: F401

        compat.english_fallback()
