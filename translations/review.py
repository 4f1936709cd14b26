"""The "Translation review" workflow of each target language's tree (configured for the demo).

A translator saves the translated page as a draft and submits it to the
workflow; a second member of the same language team approves it, which
publishes it. Translators have no direct publish permission, so nothing they
translate goes live without a second person.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Workflow, WorkflowPage, WorkflowTask

from .models import TranslationReviewTask
from .teams import source_language, team_for, team_name


def workflow_name(language_code):
    return f"Translation review: {team_name(language_code)}"


def task_name(language_code):
    return f"Second reader: {team_name(language_code)}"


@transaction.atomic
def retire_review_workflow(language_code):
    """The locale was deleted: deactivate its workflow and task (kept for their history)."""
    Workflow.objects.filter(name=workflow_name(language_code)).update(active=False)
    TranslationReviewTask.objects.filter(name=task_name(language_code)).update(active=False)


@transaction.atomic
def sync_review_workflows():
    """One workflow per target language, on the root of that language's tree. Idempotent."""
    workflows = []
    for locale in Locale.objects.exclude(language_code=source_language()):
        group = team_for(locale.language_code)
        if group is None:
            continue
        task, _created = TranslationReviewTask.objects.get_or_create(name=task_name(locale.language_code))
        task.groups.add(group)
        workflow, _created = Workflow.objects.get_or_create(name=workflow_name(locale.language_code))
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
        for tree_root in Page.objects.filter(depth=2, locale=locale):
            WorkflowPage.objects.get_or_create(page=tree_root, defaults={"workflow": workflow})
        workflows.append(workflow)
    return workflows


def has_review_step(workflow):
    """A workflow without an active task would publish at once: never submit to one."""
    return workflow is not None and workflow.active and workflow.tasks.filter(active=True).exists()


def must_go_through_review(user, page):
    """Translators publish their language's pages only through the review workflow."""
    from .teams import user_languages

    if user.is_superuser or page.locale.language_code == source_language():
        return False
    if page.locale.language_code not in user_languages(user):
        return False
    return has_review_step(page.get_workflow())
