"""The review step of the translation workflow: a second person of the same team approves."""

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState, TranslatableMixin


class TranslationReviewTask(AbstractGroupApprovalTask):
    """A member of the object's language team approves, never the person who submitted it.

    One task type serves pages and snippets (organisations): besides being in
    one of the task's groups, the reviewer must be in the team of the object's
    own language (``translations.teams.team_name``), so one task whose groups
    are every translator team still lets only Norwegian translators review a
    Norwegian organisation.

    While the object is in review it is locked for everyone but superusers:
    nobody, the submitter included, saves another draft that the reviewer did
    not read. A reviewer who wants changes uses "Request changes"; the
    submitter then edits and submits again. Approval publishes the revision
    that was submitted (``translations.review.publish_reviewed_revision``),
    not the latest one.
    """

    def _requested_by_user(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        return state is not None and state.requested_by_id == user.pk

    def _in_object_team(self, obj, user):
        """Is the user in the team of ``obj``'s language (superusers always are)?"""
        from .teams import user_languages

        if user.is_superuser:
            return True
        locale = getattr(obj, "locale", None)
        return locale is not None and locale.language_code in user_languages(user)

    def _may_review(self, obj, user):
        if user.is_superuser:
            return True
        return (
            self._user_in_groups(user)
            and self._in_object_team(obj, user)
            and not self._requested_by_user(obj, user)
        )

    def user_can_access_editor(self, obj, user):
        return self._may_review(obj, user)

    def locked_for_user(self, obj, user):
        # Locked for everyone during review, reviewers and the submitter alike.
        return not user.is_superuser

    def user_can_lock(self, obj, user):
        # A lock would let its holder edit during review (a lock takes precedence over the
        # workflow's): only superusers lock an object in review.
        return user.is_superuser

    def user_can_unlock(self, obj, user):
        return user.is_superuser

    def get_actions(self, obj, user):
        if not self._may_review(obj, user):
            return []
        return super().get_actions(obj, user)

    def start(self, workflow_state, user=None):
        # A lock taken before the submission would let its holder edit during review:
        # only a superuser's lock is kept.
        obj = workflow_state.content_object
        if getattr(obj, "locked", False) and not (obj.locked_by and obj.locked_by.is_superuser):
            obj.locked = False
            obj.locked_by = None
            obj.locked_at = None
            obj.save(update_fields=["locked", "locked_by", "locked_at"])
        return super().start(workflow_state, user=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        """Check the action against the object of ``task_state`` itself.

        Wagtail's workflow action views check ``get_actions`` on the object named
        in the URL but act on the task state named in the URL, without checking
        that they belong together: a translator could approve their own
        submission (or another language's) by naming an object they may review.
        """
        obj = task_state.workflow_state.content_object
        allowed = {name for name, _label, _modal in self.get_actions(obj, user)}
        if (
            task_state.task_id != self.pk
            or task_state.status != TaskState.STATUS_IN_PROGRESS
            or action_name not in allowed
        ):
            raise PermissionDenied
        redirect_url = super().on_action(task_state, user, action_name, **kwargs)
        if action_name in ("approve", "reject"):
            # Wagtail says nothing after an approval: our page confirms it, then goes on.
            from django.urls import reverse

            return reverse("translations:review_done", args=[task_state.pk])
        return redirect_url

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """In-progress states of objects in the user's languages that someone else submitted."""
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        from .teams import user_languages

        states = states.exclude(workflow_state__requested_by=user)
        languages = user_languages(user)
        if not languages:
            return states.none()
        in_languages = Q(pk__in=[])
        content_type_ids = set(states.values_list("workflow_state__base_content_type", flat=True))
        from django.contrib.contenttypes.models import ContentType

        for content_type_id in content_type_ids:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or not issubclass(model, TranslatableMixin):
                continue
            object_ids = (
                model._default_manager.filter(locale__language_code__in=languages)
                .annotate(object_id_text=Cast("pk", output_field=CharField()))
                .values("object_id_text")
            )
            in_languages |= Q(
                workflow_state__base_content_type_id=content_type_id,
                workflow_state__object_id__in=object_ids,
            )
        return states.filter(in_languages)

    @classmethod
    def get_description(cls):
        return _("A member of the chosen groups other than the submitter approves the translation")

    class Meta:
        verbose_name = _("translation review task")
        verbose_name_plural = _("translation review tasks")
