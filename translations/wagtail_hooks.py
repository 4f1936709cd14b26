"""Admin wiring: views that replace some of wagtail-localize's, buttons, the report, team checks.

Registered with ``order=-1`` so these URL patterns come before wagtail-localize's
own patterns for the same paths (the editor's links and forms keep working),
and these ``before_edit_*`` hooks run before wagtail-localize's.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import edit_translation as localize_views

from . import views
from .review import must_go_through_review
from .services import is_complete, sync_translations
from .teams import source_language, user_can_work_in

PUBLISH_AND_SYNC = "translations-publish-and-sync"


def _team_checked(view):
    """Wrap a wagtail-localize string/override API view with the per-language team check."""

    def wrapped(request, translation_id, **kwargs):
        translation = Translation.objects.filter(id=translation_id).select_related("target_locale").first()
        if translation is not None and not user_can_work_in(request.user, translation.target_locale):
            raise PermissionDenied
        return view(request, translation_id=translation_id, **kwargs)

    return wrapped


@hooks.register("register_admin_urls", order=-1)
def register_admin_urls():
    overrides = [
        path("update/<int:translation_source_id>/", views.sync_view, name="sync"),
        path("translate/<int:translation_id>/pofile/upload/", views.upload_pofile, name="upload_pofile"),
        path(
            "translate/<int:translation_id>/pofile/download/", views.download_pofile, name="download_pofile"
        ),
        path(
            "translate/<int:translation_id>/machine_translate/",
            views.machine_translate,
            name="machine_translate",
        ),
        path(
            "translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
            _team_checked(localize_views.edit_string_translation),
            name="edit_string_translation",
        ),
        path(
            "translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            _team_checked(localize_views.edit_override),
            name="edit_override",
        ),
    ]
    own = [
        path("review/<int:translation_id>/", views.submit_for_review, name="submit_for_review"),
        path("reports/status/", views.TranslationStatusReportView.as_view(), name="status_report"),
        path(
            "reports/status/results/",
            views.TranslationStatusReportView.as_view(results_only=True),
            name="status_report_results",
        ),
    ]
    return [
        # Same paths as wagtail-localize's, matched first.
        path("localize/", include((overrides, "translations_overrides"), namespace="translations_overrides")),
        path("translations/", include((own, "translations"), namespace="translations")),
    ]


@hooks.register("register_reports_menu_item")
def register_status_report_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("translations:status_report"),
        icon_name="wagtail-localize-language",
        order=9001,
    )


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
        source = TranslationSource.objects.get_for_instance_or_none(page)
        return source is not None and source.translations.filter(enabled=True).exists()


@hooks.register("register_page_action_menu_item")
def register_publish_and_sync_menu_item():
    return PublishAndSyncMenuItem(order=15)


@hooks.register("before_edit_page", order=-1)
def before_edit_page(request, page):
    if request.method != "POST":
        return None
    if PUBLISH_AND_SYNC in request.POST:
        # Let Wagtail's edit view publish as usual; after_publish_page then syncs.
        request.POST = request.POST.copy()
        request.POST["action-publish"] = "action-publish"
        request.translations_sync_after_publish = True
        return None
    return _refuse_incomplete_publish(request, page)


@hooks.register("after_publish_page")
def after_publish_page(request, page):
    if not getattr(request, "translations_sync_after_publish", False):
        return None
    source = TranslationSource.objects.get_for_instance_or_none(page)
    if source is None:
        return None
    result = sync_translations(source, request.user)
    views._report_sync(request, page, result)
    return None


@hooks.register("before_edit_snippet", order=-1)
def before_edit_snippet(request, instance):
    if isinstance(instance, TranslatableMixin) and not user_can_work_in(request.user, instance.locale):
        raise PermissionDenied
    if request.method == "POST":
        return _refuse_incomplete_publish(request, instance)
    return None


@hooks.register("before_delete_snippet")
def before_delete_snippet(request, instances):
    for instance in instances:
        if isinstance(instance, TranslatableMixin) and not user_can_work_in(request.user, instance.locale):
            raise PermissionDenied
    return None


@hooks.register("before_create_snippet")
def before_create_snippet(request, model):
    if issubclass(model, TranslatableMixin):
        from wagtail.models import Locale

        code = request.GET.get("locale") or source_language()
        locale = Locale.objects.filter(language_code=code).first()
        if locale is not None and not user_can_work_in(request.user, locale):
            raise PermissionDenied
    return None


@hooks.register("before_publish_page")
def refuse_direct_publish_by_translators(request, page):
    if must_go_through_review(request.user, page):
        return _review_instead(request, page)
    return None


def _review_instead(request, page):
    messages.error(
        request,
        _gettext(
            "Translations are published after a second person approves them: submit the page for review."
        ),
    )
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is not None:
        return redirect("translations:submit_for_review", translation.pk)
    return redirect("wagtailadmin_pages:edit", page.pk)


def _refuse_incomplete_publish(request, instance):
    """The translation editor's "Publish" with untranslated strings would show Polish text.

    Polish text would appear under another language's address.
    """
    if request.POST.get("action") != "publish":
        return None
    if isinstance(instance, Page) and must_go_through_review(request.user, instance):
        return _review_instead(request, instance)
    translation = Translation.objects.filter(
        source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
    ).first()
    if translation is None or is_complete(translation):
        return None
    messages.error(
        request,
        _gettext(
            "Translate every string before publishing: untranslated strings would appear in Polish "
            "on the %(language)s page."
        )
        % {"language": translation.target_locale.get_display_name()},
    )
    return redirect(request.path)


# --- Buttons and warnings ------------------------------------------------------------------


@hooks.register("register_page_header_buttons")
def review_button(page, user, view_name=None, next_url=None):
    if page.locale.language_code == source_language():
        return
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is None or not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Save draft or submit for review"),
        reverse("translations:submit_for_review", args=[translation.pk]),
        icon_name="tasks",
        priority=70,
    )


def _translations_summary(page):
    translations = list(page.get_translations().select_related("locale"))
    return ", ".join(t.locale.get_display_name() for t in translations)


def delete_warning(page):
    """What happens to the translations of a Polish page when it is deleted (None: it has none)."""
    languages = _translations_summary(page)
    if not languages:
        return None
    return _gettext(
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
    return _gettext(
        "This page has translations in: %(languages)s. Moving the Polish page does not move them: they "
        "keep their place and addresses. Move each translation to the matching place in its own "
        "language tree."
    ) % {"languages": languages}


@hooks.register("before_delete_page")
def warn_before_deleting_source(request, page):
    if request.method == "GET" and page.locale.language_code == source_language():
        warning = delete_warning(page)
        if warning:
            messages.warning(request, warning)
    return None


@hooks.register("before_move_page")
def warn_before_moving_source(request, page, destination=None):
    if request.method == "GET" and page.locale.language_code == source_language():
        warning = move_warning(page)
        if warning:
            messages.warning(request, warning)
    return None


def _is_page(obj):
    return isinstance(obj, Page)
