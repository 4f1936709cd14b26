"""The translation editor's review state and actions for a translator (see the editor template)."""

from django import template
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, TaskState, WorkflowMixin, WorkflowState

from .. import policy
from ..review import has_review_step

register = template.Library()


@register.simple_tag(takes_context=True)
def translation_review(context):
    """What the translation editor shows a translator about review, or None for everyone else.

    Translators do not publish: instead of wagtail-localize's footer (whose "Publish" they may
    not use) they get "Save draft" and "Submit for review", and the state of the review.
    """
    request = context.get("request")
    translation = context.get("translation")
    instance = context.get("instance")
    if request is None or translation is None or not isinstance(instance, WorkflowMixin):
        return None
    user = request.user
    if not policy.must_review(user, instance):
        return None
    state = (
        WorkflowState.objects.for_instance(instance)
        .filter(status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES])
        .select_related("requested_by")
        .first()
    )
    rejected = None
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = (
            TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
            .select_related("finished_by")
            .order_by("-finished_at")
            .first()
        )
    total, translated = translation.get_progress()
    return {
        "in_review": state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
        "needs_changes": rejected is not None,
        "state": state,
        "rejected": rejected,
        "comment": rejected.get_comment() if rejected is not None else "",
        "can_translate": policy.can_translate(user, translation, instance),
        "has_workflow": has_review_step(instance.get_workflow()),
        "complete": translated == total,
        "total": total,
        "translated": translated,
        "review_url": reverse("translations:submit_for_review", args=[translation.pk]),
        "preview_url": (
            reverse("wagtail_localize:preview_translation", args=[translation.pk])
            if isinstance(instance, Page)
            else None
        ),
        "edit_url": AdminURLFinder().get_edit_url(instance),
    }


@register.simple_tag
def date_samples():
    """The 15th of each month of 2001 in the active language's date format, as JSON.

    The translation editor's label script (translations/static/translations/editor-labels.js)
    writes wagtail-localize's English dates with these: browsers lack some languages' month
    names (Chromium has no Icelandic ones).
    """
    import datetime
    import json

    from django.utils.formats import date_format

    return json.dumps([date_format(datetime.date(2001, month, 15), "DATE_FORMAT") for month in range(1, 13)])
