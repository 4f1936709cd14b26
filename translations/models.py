"""The review step of the translation workflow: a second person approves."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


class TranslationReviewTask(AbstractGroupApprovalTask):
    """Members of the chosen groups approve, except the person who submitted the page.

    Approval on the last task publishes the page, so a translator's work goes
    live only after a second member of the team (or a coordinator) has read it.
    """

    def _requested_by_user(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if self._requested_by_user(obj, user) and not user.is_superuser:
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_superuser:
            return states
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("A member of the chosen groups other than the submitter approves the translation")

    class Meta:
        verbose_name = _("translation review task")
        verbose_name_plural = _("translation review tasks")
