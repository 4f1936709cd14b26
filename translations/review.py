"""The "Translation review" workflows: of each target language's tree, and of organisations.

A translator saves the translated page or organisation as a draft and submits
it to the workflow; a second member of the same language team approves it,
which publishes it. Translators have no direct publish permission, so nothing
they translate goes live without a second person.

* Pages: one workflow per target language, on the root of that language's tree.
* Organisations (a snippet): one workflow, "Translation review: organisations",
  assigned to the model; its task's groups are every translator team, and the
  task itself lets only the team of the organisation's language review it
  (``TranslationReviewTask``). Polish editors publish Polish organisations
  directly.

What is approved is what goes live: ``publish_reviewed_revision`` (the
``WAGTAIL_FINISH_WORKFLOW_ACTION``) publishes the revision the reviewer
approved, never a later draft.

This module is imported by Wagtail while ``wagtail.models`` is being loaded (the
finish action is resolved then), so it imports models inside its functions.
"""

import logging

from django.db import transaction

from .teams import source_language, team_for, team_name

logger = logging.getLogger(__name__)

ORGANISATION_WORKFLOW = "Translation review: organisations"
ORGANISATION_TASK = "Second reader: organisations"


# Wagtail shows a workflow's and a task's name in its screens and in the reviewers' e-mails:
# each team's are in the team's own language (the English form for other languages).
OWN_LANGUAGE_NAMES = {
    "nb": ("Oversettelsesgjennomgang: norsk bokmål", "Andre leser: norske oversettere"),
    "is": ("Yfirlestur þýðinga: íslenska", "Annar lesandi: íslenskir þýðendur"),
}


def _english_names(language_code):
    name = team_name(language_code)
    return f"Translation review: {name}", f"Second reader: {name}"


def workflow_name(language_code):
    return OWN_LANGUAGE_NAMES.get(language_code, _english_names(language_code))[0]


def task_name(language_code):
    return OWN_LANGUAGE_NAMES.get(language_code, _english_names(language_code))[1]


def publish_reviewed_revision(workflow_state, user=None):
    """Finish an approved workflow by publishing the revision that was approved.

    Wagtail's default (``wagtail.workflows.publish_workflow_state``) publishes
    the object's *latest* revision, which may be a draft saved after the
    submission that nobody reviewed. Here the revision of the last approved
    task state is published: what the reviewer read when approving. Newer
    drafts stay drafts (``has_unpublished_changes``).

    The approver's right to publish is the task's (``get_actions``: a second
    member of the object's language team), so Wagtail's publish permission
    check is skipped: translators hold no publish permission.
    """
    from wagtail.models import TaskState

    task_state = workflow_state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_APPROVED:
        task_state = (
            workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
            .order_by("-finished_at", "-pk")
            .first()
        )
    revision = task_state.revision if task_state is not None else None
    if revision is None:
        logger.warning(
            "Workflow state %s was approved without a revision; nothing published.", workflow_state.pk
        )
        return
    revision.publish(user=user, skip_permission_checks=True)


@transaction.atomic
def retire_review_workflow(language_code):
    """The locale was deleted: deactivate its workflow and task (kept for their history)."""
    from wagtail.models import Workflow

    from .models import TranslationReviewTask

    Workflow.objects.filter(name=workflow_name(language_code)).update(active=False)
    TranslationReviewTask.objects.filter(name=task_name(language_code)).update(active=False)


def _workflow_with_task(workflow_name_, task_name_, groups, former_names=()):
    """Get or create a workflow with one TranslationReviewTask reviewed by ``groups``; (re)activate both.

    ``former_names``: (workflow, task) names they had before; such ones are renamed, not duplicated.
    """
    from wagtail.models import Workflow, WorkflowTask

    from .models import TranslationReviewTask

    if former_names:
        former_workflow, former_task = former_names
        if not Workflow.objects.filter(name=workflow_name_).exists():
            Workflow.objects.filter(name=former_workflow).update(name=workflow_name_)
        if not TranslationReviewTask.objects.filter(name=task_name_).exists():
            TranslationReviewTask.objects.filter(name=former_task).update(name=task_name_)
    task, _created = TranslationReviewTask.objects.get_or_create(name=task_name_)
    task.groups.add(*groups)
    workflow, _created = Workflow.objects.get_or_create(name=workflow_name_)
    # A locale deleted and added again gets its (deactivated) workflow back.
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        # Not workflow.workflow_tasks.create(): that modelcluster relation does not save.
        WorkflowTask.objects.create(
            workflow=workflow,
            task=task,
            sort_order=WorkflowTask.objects.filter(workflow=workflow).count(),
        )
    return workflow, task


@transaction.atomic
def sync_review_workflows():
    """One workflow per target language on its tree's root, and one for organisations. Idempotent."""
    from wagtail.models import Locale, Page, WorkflowPage

    workflows = []
    translator_teams = []
    for locale in Locale.objects.exclude(language_code=source_language()):
        group = team_for(locale.language_code)
        if group is None:
            continue
        translator_teams.append(group)
        code = locale.language_code
        workflow, _task = _workflow_with_task(
            workflow_name(code), task_name(code), [group], former_names=_english_names(code)
        )
        for tree_root in Page.objects.filter(depth=2, locale=locale):
            WorkflowPage.objects.get_or_create(page=tree_root, defaults={"workflow": workflow})
        workflows.append(workflow)
    if translator_teams:
        workflows.append(sync_organisation_workflow(translator_teams))
    return workflows


def sync_organisation_workflow(translator_teams):
    """ "Translation review: organisations", assigned to the Organisation model."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import WorkflowContentType

    from events.models import Organisation

    workflow, _task = _workflow_with_task(ORGANISATION_WORKFLOW, ORGANISATION_TASK, translator_teams)
    content_type = ContentType.objects.get_for_model(Organisation, for_concrete_model=False)
    # One workflow per content type (Wagtail's unique key): an assignment made in the admin is kept.
    WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
    return workflow


def has_review_step(workflow):
    """A workflow without an active task would publish at once: never submit to one."""
    return workflow is not None and workflow.active and workflow.tasks.filter(active=True).exists()
