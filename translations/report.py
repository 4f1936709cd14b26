"""The translation status report: every source page and translatable snippet against every language.

``build_rows()`` answers in a fixed number of SQL queries, whatever the number
of pages: a handful of ``values()`` look-ups and one aggregate query per target
language. Rows are plain objects, filtered and paginated in Python.

States, for each source object and target language:

* missing: nothing in that language, or only an alias (the source text), or a
  translation that nobody has started (0 strings translated);
* in progress: a translation whose strings are not all translated yet
  ("n of m strings");
* out of date: the source was published (pages) or edited (snippets) after the
  translation was last synced, or a sync brought in strings that replaced
  translated ones and are not translated yet;
* up to date: every current string is translated.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, Exists, IntegerField, Max, OuterRef, Sum, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Locale, ModelLogEntry, Page, TranslatableMixin, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from .teams import source_language

MISSING, IN_PROGRESS, OUT_OF_DATE, UP_TO_DATE = "missing", "in_progress", "out_of_date", "up_to_date"
OPEN = "open"  # the report's default filter: everything not up to date
STATE_CHOICES = [
    (MISSING, _("Missing")),
    (IN_PROGRESS, _("In progress")),
    (OUT_OF_DATE, _("Out of date")),
    (UP_TO_DATE, _("Up to date")),
]
STATE_LABELS = dict(STATE_CHOICES)


def translatable_snippet_models():
    return [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]


def type_choices():
    models = [m for m in get_page_models() if m is not Page] + translatable_snippet_models()
    return [(m._meta.label_lower, m._meta.verbose_name.capitalize()) for m in models]


@dataclass
class Row:
    title: str
    type_key: str
    type_label: str
    language: str
    language_name: str
    state: str
    translated: int | None
    total: int | None
    machine: int
    live: bool | None
    action_url: str
    action_label: str
    source_edit_url: str
    source_live: bool = True
    target_edit_url: str | None = None

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def progress(self):
        if self.total is None:
            return ""
        return _("%(translated)s of %(total)s strings") % {"translated": self.translated, "total": self.total}

    @property
    def live_label(self):
        if self.live is None:
            return ""
        return _("Yes") if self.live else _("No")


def _string_counts(source_locale, target_locale):
    """``{source_id: (total, translated, machine, stale)}`` for one target language, in one query."""
    current = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale=target_locale,
        has_error=False,
    )
    # A translation in this position of a string that is no longer in the source:
    # the source changed there since it was translated.
    replaced = StringTranslation.objects.filter(
        context_id=OuterRef("context_id"), locale=target_locale
    ).exclude(
        translation_of_id__in=StringSegment.objects.filter(
            context_id=OuterRef(OuterRef("context_id"))
        ).values("string_id")
    )
    rows = (
        StringSegment.objects.filter(source__locale=source_locale)
        .annotate(
            is_translated=Exists(current),
            is_machine=Exists(current.filter(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)),
            is_replaced=Exists(replaced),
        )
        .values("source_id")
        .annotate(
            total=Count("id"),
            translated=Sum(Case(When(is_translated=True, then=1), default=0, output_field=IntegerField())),
            machine=Sum(Case(When(is_machine=True, then=1), default=0, output_field=IntegerField())),
            stale=Sum(
                Case(
                    When(is_translated=False, is_replaced=True, then=1),
                    default=0,
                    output_field=IntegerField(),
                )
            ),
        )
        .order_by()
    )
    return {
        r["source_id"]: (r["total"], r["translated"] or 0, r["machine"] or 0, r["stale"] or 0) for r in rows
    }


def build_rows(languages=None):
    """Every (source object, target language) pair with its state, in a bounded number of queries."""
    locales = list(Locale.objects.all())
    source_locale = next((loc for loc in locales if loc.language_code == source_language()), None)
    if source_locale is None:
        return []
    targets = [loc for loc in locales if loc.pk != source_locale.pk]
    if languages:
        targets = [loc for loc in targets if loc.language_code in languages]
    names = dict(settings.LANGUAGES)

    # Source objects: pages (in tree order), then translatable snippets.
    objects = []  # (model, pk, title, translation_key, changed_at, live)
    for page in (
        Page.objects.filter(locale=source_locale, depth__gt=1, alias_of__isnull=True)
        .order_by("path")
        .values("id", "title", "translation_key", "content_type_id", "last_published_at", "live")
    ):
        model = ContentType.objects.get_for_id(page["content_type_id"]).model_class()
        if model is None:
            continue
        changed_at = page["last_published_at"]
        objects.append((model, page["id"], page["title"], page["translation_key"], changed_at, page["live"]))
    target_pages = {
        (p["translation_key"], p["locale_id"]): p
        for p in Page.objects.filter(locale__in=targets).values(
            "id", "translation_key", "locale_id", "alias_of_id", "live", "latest_revision_created_at"
        )
    }
    target_snippets = {}
    for model in translatable_snippet_models():
        content_type = ContentType.objects.get_for_model(model)
        edited = dict(
            ModelLogEntry.objects.filter(
                content_type=content_type, action__in=["wagtail.create", "wagtail.edit"]
            )
            .values("object_id")
            .annotate(last=Max("timestamp"))
            .values_list("object_id", "last")
        )
        for item in model.objects.filter(locale=source_locale):
            objects.append(
                (
                    model,
                    item.pk,
                    str(item),
                    item.translation_key,
                    edited.get(str(item.pk)),
                    getattr(item, "live", True),
                )
            )
        for item in model.objects.filter(locale__in=targets).values("pk", "translation_key", "locale_id"):
            target_snippets[(model, item["translation_key"], item["locale_id"])] = {
                "id": item["pk"],
                "alias_of_id": None,
                "live": None,
                "latest_revision_created_at": edited.get(str(item["pk"])),
            }
    sources = {
        s["object_id"]: s
        for s in TranslationSource.objects.filter(locale=source_locale).values(
            "id", "object_id", "last_updated_at"
        )
    }
    translations = {
        (t["source_id"], t["target_locale_id"]): t
        for t in Translation.objects.filter(source__locale=source_locale).values(
            "id", "source_id", "target_locale_id", "enabled"
        )
    }
    counts = {loc.pk: _string_counts(source_locale, loc) for loc in targets}

    rows = []
    for model, pk, title, translation_key, changed_at, source_live in objects:
        is_page = issubclass(model, Page)
        source = sources.get(translation_key)
        for locale in targets:
            if is_page:
                target = target_pages.get((translation_key, locale.pk))
            else:
                target = target_snippets.get((model, translation_key, locale.pk))
            translation = translations.get((source["id"], locale.pk)) if source else None
            rows.append(
                _row(
                    model,
                    pk,
                    title,
                    locale,
                    names,
                    target,
                    source,
                    translation,
                    counts[locale.pk],
                    changed_at,
                    source_live,
                )
            )
    return rows


def _row(model, pk, title, locale, names, target, source, translation, counts, changed_at, source_live):
    is_page = issubclass(model, Page)
    translated = total = None
    machine = 0
    source_changed = False
    live = target["live"] if target and is_page else None
    if target is None or target["alias_of_id"]:
        state = MISSING
    elif translation is None or not translation["enabled"]:
        # Translated by hand, outside wagtail-localize: compare the dates.
        target_changed = target["latest_revision_created_at"]
        state = OUT_OF_DATE if changed_at and target_changed and changed_at > target_changed else UP_TO_DATE
    else:
        total, translated, machine, stale = counts.get(source["id"], (0, 0, 0, 0))
        source_changed = bool(changed_at and changed_at > source["last_updated_at"])
        if source_changed or stale:
            state = OUT_OF_DATE
        elif translated == 0 and total:
            state = MISSING  # sent for translation, not started: the translator's "to translate"
        elif translated < total:
            state = IN_PROGRESS
        else:
            state = UP_TO_DATE
    action_state = state if state != OUT_OF_DATE or source_changed else ""
    if state == MISSING and target is not None and not target["alias_of_id"]:
        action_state = IN_PROGRESS  # the translation exists: the work is done in its editor
    action_url, action_label = _action(model, pk, target, source, action_state)
    return Row(
        title=title,
        type_key=model._meta.label_lower,
        type_label=model._meta.verbose_name.capitalize(),
        language=locale.language_code,
        language_name=names.get(locale.language_code, locale.language_code),
        state=state,
        translated=translated,
        total=total,
        machine=machine,
        live=live,
        action_url=action_url,
        action_label=action_label,
        source_edit_url=_edit_url(model, pk),
        source_live=bool(source_live),
        target_edit_url=_edit_url(model, target["id"]) if target else None,
    )


def _edit_url(model, pk):
    """The admin edit view of the page or snippet ``pk`` of ``model`` (Wagtail's own URL finder).

    Rows come from ``values()``: the finder is given an instance that carries only its pk.
    """
    return AdminURLFinder().get_edit_url(model(pk=pk))


def _action(model, pk, target, source, state):
    """Where the work on this row is done."""
    if state == MISSING:
        if issubclass(model, Page):
            return reverse("wagtail_localize:submit_page_translation", args=[pk]), _("Translate")
        return (
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[model._meta.app_label, model._meta.model_name, quote(pk)],
            ),
            _("Translate"),
        )
    if state == OUT_OF_DATE and source and target is not None:
        return reverse("wagtail_localize:update_translations", args=[source["id"]]), _("Sync and translate")
    return _edit_url(model, target["id"]), _("Edit translation")
