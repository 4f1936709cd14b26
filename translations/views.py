"""Admin views: sync into chosen languages, PO upload, machine translation, review, the report."""

import contextlib
import datetime

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, WorkflowMixin
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationSource,
)
from wagtail_localize.views.edit_translation import apply_machine_translation, user_can_edit_instance

from . import compat, policy
from .forms import POUploadForm, SyncForm
from .machine import MachineTranslationError
from .report import OPEN, STATE_CHOICES, UP_TO_DATE, build_rows, type_choices
from .review import has_review_step
from .services import save_draft, sync_translations

MAX_PO_SIZE = 5 * 1024 * 1024


# --- Sync ---------------------------------------------------------------------


def _source_instance_or_404(source):
    try:
        return source.get_source_instance()
    except source.specific_content_type.model_class().DoesNotExist as error:
        raise Http404 from error


def _check_can_sync(user, source, instance):
    if not policy.can_sync(user, instance) or not user_can_edit_instance(user, instance):
        raise PermissionDenied


def sync_view(request, translation_source_id):
    """Replaces wagtail-localize's "Sync translated pages".

    The editor chooses the languages; untranslated text is never published.
    """
    source = get_object_or_404(TranslationSource, id=translation_source_id)
    instance = _source_instance_or_404(source)
    _check_can_sync(request.user, source, instance)
    locales = Locale.objects.filter(
        pk__in=source.translations.filter(enabled=True).values("target_locale")
    ).order_by("language_code")
    form = SyncForm(request.POST or None, locales=locales)
    next_url = get_valid_next_url_from_request(request)
    if request.method == "POST" and form.is_valid():
        result = sync_translations(source, request.user, form.cleaned_data["locales"])
        report_sync(request, instance, result)
        return redirect(next_url or edit_url(instance))
    return TemplateResponse(
        request,
        "translations/sync.html",
        {
            "form": form,
            "object": instance,
            "source": source,
            "next_url": next_url,
            "back_url": next_url or edit_url(instance),
            "page_title": gettext("Sync translations"),
            "page_subtitle": str(instance),
            "header_icon": "resubmit",
        },
    )


def report_sync(request, instance, result):
    names = ", ".join
    if result.published:
        messages.success(
            request,
            gettext("Synced and published the translations of '%(object)s' in: %(languages)s.")
            % {"object": instance, "languages": names(loc.get_display_name() for loc in result.published)},
        )
    if result.drafts:
        messages.warning(
            request,
            gettext(
                "Synced the translations of '%(object)s' in: %(languages)s. They are saved as drafts "
                "until the changed strings are translated and approved."
            )
            % {"object": instance, "languages": names(loc.get_display_name() for loc in result.drafts)},
        )
    if result.failed:
        messages.error(
            request,
            gettext("Could not save the translations of '%(object)s' in: %(languages)s.")
            % {"object": instance, "languages": names(loc.get_display_name() for loc in result.failed)},
        )


def edit_url(instance):
    """The admin edit view of a page or snippet (Wagtail's own URL finder)."""
    return AdminURLFinder().get_edit_url(instance)


# --- Translation-level checks ------------------------------------------------------


def _translation_for_user(request, translation_id):
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), id=translation_id
    )
    try:
        instance = translation.get_target_instance()
    except translation.source.specific_content_type.model_class().DoesNotExist as error:
        raise Http404 from error
    if not policy.can_translate(request.user, translation, instance) or not user_can_edit_instance(
        request.user, instance
    ):
        raise PermissionDenied
    return translation, instance


def _back(request, instance):
    return redirect(get_valid_next_url_from_request(request) or edit_url(instance))


# --- PO upload ----------------------------------------------------------------------


def _parse_po(uploaded):
    """A polib.POFile from the upload, or raise ValueError with a message for the editor."""
    if uploaded.size > MAX_PO_SIZE:
        raise ValueError(gettext("The file is too large for a PO file of one page."))
    raw = uploaded.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(gettext("The file is not a UTF-8 text file; save the PO file as UTF-8.")) from error
    if "\x00" in text or not text.strip():
        raise ValueError(gettext("The file is empty or is not a PO file."))
    try:
        po = compat.parse_po_bytes(text.encode("utf-8"))
    except (OSError, ValueError, IndexError, KeyError) as error:
        raise ValueError(gettext("The file is not a valid PO file: %(error)s") % {"error": error}) from error
    if not any(entry.msgid for entry in po) and not po.metadata:
        raise ValueError(gettext("The file is empty or is not a PO file."))
    return po


def upload_pofile(request, translation_id):
    """Replaces wagtail-localize's PO upload: every bad file gets a message, and nothing changes."""
    if request.method != "POST":
        raise Http404
    translation, instance = _translation_for_user(request, translation_id)
    form = POUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _back(request, instance)
    try:
        po = _parse_po(form.cleaned_data["file"])
    except ValueError as error:
        messages.error(request, str(error))
        return _back(request, instance)

    translation_uuid = po.metadata.get("X-WagtailLocalize-TranslationID")
    if not translation_uuid:
        messages.error(
            request,
            gettext(
                "This PO file was not downloaded from this site (it has no translation ID). Nothing changed."
            ),
        )
        return _back(request, instance)
    if translation_uuid != str(translation.uuid):
        other = (
            Translation.objects.filter(uuid__iexact=translation_uuid.strip())
            .select_related("source", "target_locale")
            .first()
            if _looks_like_uuid(translation_uuid)
            else None
        )
        if other is not None and other.source_id == translation.source_id:
            message = gettext(
                "This PO file is for the %(language)s translation, not %(this)s. Nothing changed."
            ) % {
                "language": other.target_locale.get_display_name(),
                "this": translation.target_locale.get_display_name(),
            }
        elif other is not None:
            message = gettext("This PO file is for '%(object)s', not this page. Nothing changed.") % {
                "object": other.source.object_repr
            }
        else:
            message = gettext("This PO file was made for a different translation. Nothing changed.")
        messages.error(request, message)
        return _back(request, instance)

    current = set(
        StringSegment.objects.filter(source=translation.source).values_list("string__data", "context__path")
    )
    entries = [e for e in po if not e.obsolete and e.msgstr]
    unknown = [e for e in entries if (e.msgid, e.msgctxt) not in current]
    if unknown:
        sample = "; ".join(f"“{e.msgid[:60]}”" for e in unknown[:3])
        messages.error(
            request,
            gettext(
                "%(count)s strings in this PO file are no longer in the source (%(sample)s). "
                "Sync the translation, download a new PO file and copy your translations into it. "
                "Nothing changed."
            )
            % {"count": len(unknown), "sample": sample},
        )
        return _back(request, instance)

    warnings = translation.import_po(po, user=request.user, tool_name="PO File")
    if warnings:  # pragma: no cover - every unknown string was refused above
        messages.warning(request, gettext("Some strings in the PO file were ignored."))
    messages.success(
        request,
        gettext("Imported %(count)s translated strings from the PO file.") % {"count": len(entries)},
    )
    return _back(request, instance)


def _looks_like_uuid(value):
    import uuid

    try:
        uuid.UUID(str(value).strip())
    except ValueError:
        return False
    return True


# --- Sending for translation ---------------------------------------------------------------


def _returning_to(request, url):
    """Without a ``next``, wagtail-localize sends a one-language submission to the new
    translation's editor, which the Polish editor may not open (a permission error right after
    the success message): back to the source object instead."""
    if not request.GET.get("next") and not request.POST.get("next"):
        request.GET = request.GET.copy()
        request.GET["next"] = url


def submit_page_translation(request, page_id):
    from wagtail_localize.views.submit_translations import SubmitPageTranslationView

    _returning_to(request, reverse("wagtailadmin_pages:edit", args=[page_id]))
    return SubmitPageTranslationView.as_view()(request, page_id=page_id)


def submit_snippet_translation(request, app_label, model_name, pk):
    from wagtail_localize.views.submit_translations import SubmitSnippetTranslationView

    with contextlib.suppress(NoReverseMatch):  # not a snippet: wagtail-localize answers 404
        _returning_to(request, reverse(f"wagtailsnippets_{app_label}_{model_name}:edit", args=[pk]))
    return SubmitSnippetTranslationView.as_view()(request, app_label=app_label, model_name=model_name, pk=pk)


# --- Machine translation ----------------------------------------------------------------


def machine_translate(request, translation_id):
    """wagtail-localize's machine translation, with the service's failures shown as messages."""
    if request.method != "POST":
        raise Http404
    translation, instance = _translation_for_user(request, translation_id)
    translator = get_machine_translator()
    if translator is None or not translator.can_translate(
        translation.source.locale, translation.target_locale
    ):
        messages.error(request, gettext("No machine translation is configured for this language."))
        return _back(request, instance)
    try:
        done = apply_machine_translation(translation.id, request.user, translator)
    except MachineTranslationError as error:
        messages.error(
            request,
            gettext("%(service)s could not translate this page: %(error)s. Nothing changed.")
            % {"service": translator.display_name, "error": error},
        )
        return _back(request, instance)
    if done:
        messages.success(
            request,
            gettext(
                "Translated with %(service)s. Machine translations stay marked as such until you check "
                "and save each one."
            )
            % {"service": translator.display_name},
        )
    else:
        messages.warning(request, gettext("There isn't anything left to translate."))
    return _back(request, instance)


# --- Review: save a draft of a translation, or submit it to a second person ---------------


def submit_for_review(request, translation_id):
    """Save a translation as a draft, or submit it to its language's review (pages and organisations)."""
    translation, instance = _translation_for_user(request, translation_id)
    if not isinstance(instance, WorkflowMixin):
        raise Http404
    workflow = instance.get_workflow()
    if not has_review_step(workflow):
        workflow = None
    total, done = translation.get_progress()
    if request.method == "POST":
        if "submit" in request.POST and (workflow is None or done < total):
            messages.error(
                request,
                gettext("Translate every string before submitting for review.")
                if workflow is not None
                else gettext("This language has no review workflow; ask a coordinator to set one up."),
            )
            return redirect(request.get_full_path())
        save_draft(translation, request.user)
        instance.refresh_from_db()
        if "submit" in request.POST:
            state = instance.current_workflow_state
            if state is not None:
                state.cancel(user=request.user)
            workflow.start(instance, request.user)
            messages.success(
                request,
                gettext("'%(title)s' was saved and sent for review to a second translator.")
                % {"title": _display_title(instance)},
            )
        else:
            messages.success(
                request,
                gettext("Saved a draft of '%(title)s'.") % {"title": _display_title(instance)},
            )
        return _back(request, instance)
    return TemplateResponse(
        request,
        "translations/submit_for_review.html",
        {
            "translation": translation,
            "page": instance,
            "workflow": workflow,
            "total": total,
            "translated": done,
            "page_title": gettext("Save or submit for review"),
            "page_subtitle": _display_title(instance),
            "header_icon": "tasks",
            "next_url": get_valid_next_url_from_request(request),
        },
    )


def review_done(request, task_state_id):
    """Where a reviewer lands after approving or requesting changes: what happened, in words."""
    from wagtail.models import TaskState

    task_state = get_object_or_404(TaskState.objects.select_related("workflow_state"), pk=task_state_id)
    if task_state.finished_by_id != request.user.pk:
        raise Http404
    obj = task_state.workflow_state.content_object
    title = _display_title(obj)
    if task_state.status == TaskState.STATUS_APPROVED:
        message = gettext("You approved '%(title)s': it is published in %(language)s.")
    else:
        message = gettext(
            "You asked for changes to '%(title)s': the translator sees your comment in the editor."
        )
    messages.success(request, message % {"title": title, "language": obj.locale.get_display_name()})
    return redirect("wagtailadmin_home")


def _display_title(instance):
    return instance.get_admin_display_title() if isinstance(instance, Page) else str(instance)


# --- The status report ---------------------------------------------------------------


def _language_choices(request=None):
    from django.conf import settings

    from .teams import source_language

    return [(code, name) for code, name in settings.LANGUAGES if code != source_language()]


def report_languages(user):
    """Target languages whose rows ``user`` sees in the report (translations.policy decides)."""
    return policy.report_languages(user, [code for code, _name in _language_choices()])


# Characters with which a spreadsheet cell starts a formula.
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class StatusFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=_language_choices, empty_label=_("All")
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=[(OPEN, _("Open work"))] + STATE_CHOICES, empty_label=_("All")
    )
    type = django_filters.ChoiceFilter(label=_("Type"), choices=type_choices, empty_label=_("All"))

    class Meta:
        model = Page
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        # A work queue: without a choice, the report lists what is still to do.
        if data is not None and "state" not in data:
            data = data.copy()
            data["state"] = OPEN
        super().__init__(data, *args, **kwargs)
        # WagtailFilterSet adds a "locale" filter for translatable models: "language" is the one.
        self.filters.pop("locale", None)
        if self.request is not None:
            visible = set(report_languages(self.request.user))
            field = self.filters["language"].field
            field.choices = [c for c in field.choices if not c[0] or c[0] in visible]

    def filter_queryset(self, rows):
        data = self.form.cleaned_data
        if data.get("language"):
            rows = [r for r in rows if r.language == data["language"]]
        if data.get("state") == OPEN:
            rows = [r for r in rows if r.state != UP_TO_DATE]
        elif data.get("state"):
            rows = [r for r in rows if r.state == data["state"]]
        if data.get("type"):
            rows = [r for r in rows if r.type_key == data["type"]]
        return rows


class TranslationStatusReportView(ReportView):
    page_title = _("Translation status")
    header_icon = "wagtail-localize-language"
    index_url_name = "translations:status_report"
    index_results_url_name = "translations:status_report_results"
    filterset_class = StatusFilterSet
    paginate_by = 50
    table_classname = "listing translations-status"  # translations/static/translations/admin.css
    columns = [
        TitleColumn("title", label=_("Title"), url_name=None, get_url=lambda row: row.title_url),
        Column("type_label", label=_("Type")),
        Column("language_name", label=_("Language")),
        Column("state_label", label=_("State")),
        Column("progress", label=_("Strings translated")),
        Column("machine", label=_("Machine-translated, unchecked")),
        Column("live_label", label=_("Live")),
        TitleColumn("action_label", label=_("Next step"), get_url=lambda row: row.action_url),
    ]
    list_export = [
        "title",
        "type_label",
        "language",
        "state_label",
        "translated",
        "total",
        "machine",
        "live_label",
        "action_url",
    ]
    export_headings = {
        "title": _("Title"),
        "type_label": _("Type"),
        "language": _("Language"),
        "state_label": _("State"),
        "translated": _("Strings translated"),
        "total": _("Strings"),
        "machine": _("Machine-translated, unchecked"),
        "live_label": _("Live"),
        "action_url": _("Where to do the work"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not policy.can_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        """The rows this user may see: their languages; source drafts only for those who can open them."""
        user = self.request.user
        languages = report_languages(user)
        if not languages:
            return []
        rows = build_rows(languages=languages)
        sees_source = policy.sees_source_drafts(user)
        if not sees_source:
            # Translators see what they can act on: translations that exist in their language.
            rows = [r for r in rows if r.target_edit_url]
        for row in rows:
            row.title_url = row.source_edit_url if sees_source else row.target_edit_url
            if not sees_source and not row.target_edit_url:
                row.action_url = None  # sending a page for translation is the source editors' step
        return rows

    def stream_csv(self, queryset):
        """Write the CSV now, in the admin's language.

        Wagtail streams the CSV after the view has returned, when the user's admin
        language is no longer active: headings and states came out in the site's
        default language. The rows are already in memory, so nothing is lost by
        writing them here.
        """
        return iter(list(super().stream_csv(queryset)))

    def preprocess_field_value(self, field, value, export_format):
        """Neutralise spreadsheet formulas in CSV cells, as Wagtail already does for XLSX.

        A page title such as ``=HYPERLINK(...)`` would otherwise run as a formula
        when the coordinator opens the CSV in a spreadsheet.
        """
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str) and value[:1] in CSV_FORMULA_STARTS:
            return "'" + value
        return value

    def get_filename(self):
        return f"translation-status-{datetime.date.today().isoformat()}"
