"""Admin wiring: every route that changes content asks ``translations.policy``.

* Wagtail's page and snippet actions (edit, publish, unpublish, delete, move, copy,
  convert alias, bulk actions) through Wagtail's hooks;
* wagtail-localize's views through ``compat.guarded_localize_urls``: each of its URL
  paths is registered again here (``order=-1``: before wagtail-localize's own), behind
  the guard named in ``LOCALIZE_GUARDS``;
* the project's own views (sync, PO, machine translation, review, the status report).
"""

import django_filters
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.active_filters import BaseFilterAdapter, register_filter_adapter_class
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.menu import MenuItem
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource

from . import compat, policy, views
from .services import sync_translations
from .teams import source_language

PUBLISH_AND_SYNC = "translations-publish-and-sync"


# --- Guards of wagtail-localize's views --------------------------------------------------------


def _deny_unless(allowed):
    if not allowed:
        raise PermissionDenied


def _translation_and_target(translation_id):
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), id=translation_id
    )
    try:
        target = translation.get_target_instance()
    except translation.source.specific_content_type.model_class().DoesNotExist:
        target = None
    return translation, target


def _guard_translate(request, translation_id, **kwargs):
    translation, target = _translation_and_target(translation_id)
    _deny_unless(policy.can_translate(request.user, translation, target))


def _guard_view_translation(request, translation_id, **kwargs):
    translation, target = _translation_and_target(translation_id)
    _deny_unless(policy.can_view_translation(request.user, translation, target))


def _guard_stop_translation(request, translation_id, **kwargs):
    translation, target = _translation_and_target(translation_id)
    _deny_unless(policy.can_stop_translation(request.user, translation, target))


def _guard_submit_page(request, page_id, **kwargs):
    page = get_object_or_404(Page, id=page_id)
    _deny_unless(policy.can_submit_for_translation(request.user, page))


def _guard_submit_snippet(request, app_label, model_name, pk, **kwargs):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    instance = get_object_or_404(model, pk=pk)
    _deny_unless(policy.can_submit_for_translation(request.user, instance))


def _guard_sync(request, translation_source_id, **kwargs):
    source = get_object_or_404(TranslationSource, id=translation_source_id)
    try:
        instance = source.get_source_instance()
    except source.specific_content_type.model_class().DoesNotExist as error:
        raise Http404 from error
    _deny_unless(policy.can_sync(request.user, instance))


def _guard_convert_to_alias(request, page_id, **kwargs):
    _deny_unless(policy.can_convert_to_alias(request.user, get_object_or_404(Page, id=page_id)))


def _guard_localize_report(request, **kwargs):
    _deny_unless(policy.can_view_localize_report(request.user))


def _allow(request, **kwargs):
    """Read-only data every admin user may read (the editor's string catalogue, snippet API)."""


LOCALIZE_GUARDS = {
    "javascript_catalog": _allow,
    "snippets_api_listing": _allow,
    "snippets_api_detail": _allow,
    "submit_page_translation": _guard_submit_page,
    "submit_snippet_translation": _guard_submit_snippet,
    "update_translations": _guard_sync,
    "edit_string_translation": _guard_translate,
    "edit_override": _guard_translate,
    "upload_pofile": _guard_translate,
    "machine_translate": _guard_translate,
    "download_pofile": _guard_view_translation,
    "preview_translation": _guard_view_translation,
    "stop_translation": _guard_stop_translation,
    "convert_to_alias": _guard_convert_to_alias,
    "translations_report": _guard_localize_report,
    "translations_report_results": _guard_localize_report,
}
LOCALIZE_REPLACEMENTS = {
    "submit_page_translation": views.submit_page_translation,
    "submit_snippet_translation": views.submit_snippet_translation,
    "update_translations": views.sync_view,
    "upload_pofile": views.upload_pofile,
    "machine_translate": views.machine_translate,
}


@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    own = [
        path("review/<int:translation_id>/", views.submit_for_review, name="submit_for_review"),
        path("review/done/<int:task_state_id>/", views.review_done, name="review_done"),
        path("reports/status/", views.TranslationStatusReportView.as_view(), name="status_report"),
        path(
            "reports/status/results/",
            views.TranslationStatusReportView.as_view(results_only=True),
            name="status_report_results",
        ),
    ]
    guarded = compat.guarded_localize_urls(LOCALIZE_GUARDS, LOCALIZE_REPLACEMENTS)
    return [
        # Same paths as wagtail-localize's, matched first.
        path("localize/", include((guarded, "translations_guarded"), namespace="translations_guarded")),
        path("translations/", include((own, "translations"), namespace="translations")),
    ]


@hooks.register("register_reports_menu_item")
def register_status_report_menu_item():
    return StatusReportMenuItem(
        _("Translation status"),
        reverse("translations:status_report"),
        icon_name="wagtail-localize-language",
        order=9001,
    )


class StatusReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.can_view_report(request.user)


@hooks.register("construct_reports_menu")
def hide_localize_report(request, menu_items):
    """One translation report: wagtail-localize's lists objects, not work; ours is the work queue."""
    localize_report = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != localize_report]


# --- Publish and sync in one action ------------------------------------------------------


class PublishAndSyncMenuItem(ActionMenuItem):
    label = _("Publish and sync translations")
    name = PUBLISH_AND_SYNC
    icon_name = "resubmit"

    def is_shown(self, context):
        if context.get("view") != "edit":
            return False
        page = context.get("page")
        if page is None or page.locale.language_code != source_language():
            return False
        if not context["user_page_permissions_tester"].can_publish():
            return False
        if not policy.can_sync(context["request"].user, page):
            return False
        source = TranslationSource.objects.get_for_instance_or_none(page)
        return source is not None and source.translations.filter(enabled=True).exists()


@hooks.register("register_page_action_menu_item")
def register_publish_and_sync_menu_item():
    return PublishAndSyncMenuItem(order=15)


# --- Pages ---------------------------------------------------------------------------------


def _publishing(request):
    """Is this POST wagtail-localize's editor publishing?

    (Wagtail's own editors run ``before_publish_page`` / ``before_publish`` for that; the
    translation editor, which replaces them for translations, runs neither.)
    """
    return request.POST.get("action") == "publish"


@hooks.register("before_edit_page", order=-1)
def before_edit_page(request, page):
    if request.method != "POST":
        return None
    if "localize-restart-translation" in request.POST:
        translation = Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        ).first()
        _deny_unless(translation is not None and policy.can_stop_translation(request.user, translation, page))
        return None
    if PUBLISH_AND_SYNC in request.POST:
        _deny_unless(policy.can_sync(request.user, page))
        # Let Wagtail's edit view publish as usual; after_publish_page then syncs.
        request.POST = request.POST.copy()
        request.POST["action-publish"] = "action-publish"
        request.translations_sync_after_publish = True
        return None
    if _publishing(request):
        return _refuse_publish(request, page)
    return None


@hooks.register("before_publish_page")
def before_publish_page(request, page):
    return _refuse_publish(request, page)


@hooks.register("after_publish_page")
def after_publish_page(request, page):
    if not getattr(request, "translations_sync_after_publish", False):
        return None
    source = TranslationSource.objects.get_for_instance_or_none(page)
    if source is None:
        return None
    result = sync_translations(source, request.user)
    views.report_sync(request, page, result)
    return None


@hooks.register("before_unpublish_page")
def before_unpublish_page(request, page):
    _deny_unless(policy.can_unpublish(request.user, page))


@hooks.register("before_delete_page")
def before_delete_page(request, page):
    _deny_unless(policy.can_delete(request.user, page))
    if request.method == "GET" and page.locale.language_code == source_language():
        warning = delete_warning(page)
        if warning:
            messages.warning(request, warning)
    return None


@hooks.register("before_move_page")
def before_move_page(request, page, destination=None):
    _deny_unless(policy.can_move(request.user, page))
    if destination is not None:
        _deny_unless(policy.can_move(request.user, destination))
    if request.method == "GET" and page.locale.language_code == source_language():
        warning = move_warning(page)
        if warning:
            messages.warning(request, warning)
    return None


@hooks.register("before_copy_page")
def before_copy_page(request, page):
    _deny_unless(policy.can_copy(request.user, page))


@hooks.register("before_convert_alias_page")
def before_convert_alias_page(request, page):
    _deny_unless(policy.can_restructure(request.user, page))


# --- Snippets ------------------------------------------------------------------------------


@hooks.register("before_create_snippet")
def before_create_snippet(request, model):
    if issubclass(model, TranslatableMixin):
        from wagtail.models import Locale

        code = request.GET.get("locale") or source_language()
        locale = Locale.objects.filter(language_code=code).first()
        if locale is not None:
            _deny_unless(policy.works_in(request.user, locale) and not _translator_language(request, code))
    return None


def _translator_language(request, code):
    """New objects start in the source language; translators get theirs from a translation."""
    from .teams import user_languages

    if request.user.is_superuser or code == source_language():
        return False
    return code in user_languages(request.user)


@hooks.register("before_edit_snippet", order=-1)
def before_edit_snippet(request, instance):
    if isinstance(instance, TranslatableMixin) and not policy.works_in(request.user, instance.locale):
        raise PermissionDenied
    if request.method == "POST" and _publishing(request):
        return _refuse_publish(request, instance)
    return None


@hooks.register("before_publish")
def before_publish(request, instance):
    return _refuse_publish(request, instance)


@hooks.register("before_unpublish")
def before_unpublish(request, instance):
    _deny_unless(policy.can_unpublish(request.user, instance))


@hooks.register("before_delete_snippet")
def before_delete_snippet(request, instances):
    for instance in instances:
        _deny_unless(policy.can_delete(request.user, instance))
    return None


# --- Bulk actions --------------------------------------------------------------------------

BULK_CHECKS = {
    "publish": policy.can_publish,
    "unpublish": policy.can_unpublish,
    "delete": policy.can_delete,
    "move": policy.can_move,
    "copy": policy.can_copy,
}


@hooks.register("before_bulk_action")
def before_bulk_action(request, action_type, objects, action_class_instance):
    """The bulk actions of the page and snippet listings follow the same policy, object by object."""
    check = BULK_CHECKS.get(action_type)
    if check is None:
        return None
    for obj in objects:
        if isinstance(obj, Page):
            obj = obj.specific_deferred
        _deny_unless(check(request.user, obj))
        if action_type == "publish":
            refused = _incomplete_response(request, obj)
            if refused is not None:
                return refused
    return None


# --- Refusing a publish --------------------------------------------------------------------


def _refuse_publish(request, instance):
    """Translators' changes go through review; nobody publishes a half-translated page."""
    if not policy.can_publish(request.user, instance):
        messages.error(
            request,
            gettext(
                "Translations are published after a second person approves them: submit the page for review."
            ),
        )
        translation = policy.translation_of(instance)
        if translation is not None and isinstance(instance, Page):
            return redirect("translations:submit_for_review", translation.pk)
        raise PermissionDenied
    return _incomplete_response(request, instance)


def _incomplete_response(request, instance):
    translation = policy.incomplete_translation(instance)
    if translation is None:
        return None
    messages.error(
        request,
        gettext(
            "Translate every string before publishing: untranslated strings would appear in Polish "
            "on the %(language)s page."
        )
        % {"language": translation.target_locale.get_display_name()},
    )
    return redirect(views.edit_url(instance))


# --- Buttons and warnings ------------------------------------------------------------------


def _translations_summary(page):
    translations = list(page.get_translations().select_related("locale"))
    return ", ".join(t.locale.get_display_name() for t in translations)


def delete_warning(page):
    """What happens to the translations of a Polish page when it is deleted (None: it has none)."""
    languages = _translations_summary(page)
    if not languages:
        return None
    return gettext(
        "This page has translations in: %(languages)s. Deleting the Polish page does not delete them: "
        "they stay in their language trees, published or draft as they are now, and become ordinary "
        "pages that their translators edit directly (they can no longer be synced). Delete them "
        "separately if they should go too."
    ) % {"languages": languages}


def move_warning(page):
    """What happens to the translations of a Polish page when it is moved (None: it has none)."""
    languages = _translations_summary(page)
    if not languages:
        return None
    return gettext(
        "This page has translations in: %(languages)s. Moving the Polish page does not move them: they "
        "keep their place and addresses. Move each translation to the matching place in its own "
        "language tree."
    ) % {"languages": languages}


# --- Wagtail's admin API ---------------------------------------------------------------------


class PolicyPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """Wagtail's admin page API, with its actions behind the same policy as the admin views.

    Its actions (``/admin/api/main/pages/<id>/action/<name>/``) run Wagtail's page actions
    directly, without the ``before_*_page`` hooks; and its read views show only the pages a
    user may explore, so the translation editor could not show a Polish speaker page that a
    Norwegian page links to. Live pages are public anyway: every admin user may read them here.
    """

    ACTION_CHECKS = {
        "publish": policy.can_publish,
        "unpublish": policy.can_unpublish,
        "delete": policy.can_delete,
        "move": policy.can_move,
        "copy": policy.can_copy,
        "convert_alias": policy.can_restructure,
        "create_alias": policy.can_restructure,
        "copy_for_translation": policy.can_restructure,
        "revert_to_page_revision": policy.can_edit,
    }

    def get_base_queryset(self):
        return super().get_base_queryset() | Page.objects.live()

    def action_view(self, request, pk, action_name):
        page = get_object_or_404(Page, pk=pk).specific_deferred
        check = self.ACTION_CHECKS.get(action_name)
        _deny_unless(check(request.user, page) if check else request.user.is_superuser)
        if action_name == "publish":
            translation = policy.incomplete_translation(page)
            _deny_unless(translation is None)
        return super().action_view(request, pk, action_name)


@hooks.register("construct_admin_api")
def guard_admin_api(router):
    router.register_endpoint("pages", PolicyPagesAdminAPIViewSet)


# --- The dashboard -------------------------------------------------------------------------------


@hooks.register("construct_homepage_panels")
def waiting_for_you_panel(request, panels):
    from .panels import construct_panels

    construct_panels(request, panels)


@hooks.register("insert_global_admin_css")
def admin_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("translations/admin.css"))


# --- Wagtail's active-filter pills ---------------------------------------------------------------


class YesNoFilterAdapter(BaseFilterAdapter):
    """A yes/no filter's pill says "Yes"/"No" in the admin's language, not Python's True/False."""

    def get_active_filters(self):
        for active in super().get_active_filters():
            value = {"True": gettext("Yes"), "False": gettext("No")}.get(active.value, active.value)
            yield active._replace(value=value)


register_filter_adapter_class(django_filters.BooleanFilter, YesNoFilterAdapter)
