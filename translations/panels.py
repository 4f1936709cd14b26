"""The dashboard's "Waiting for you" panel: a translator's open translations, in their languages."""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from . import policy
from .report import UP_TO_DATE, build_rows


class WaitingForYouPanel(Component):
    name = "translations_waiting_for_you"
    template_name = "translations/panels/waiting_for_you.html"
    order = 90  # above Wagtail's own workflow panels ("Awaiting your review" is order 220)

    def __init__(self, rows, reviews):
        self.rows = rows
        self.reviews = reviews

    @classmethod
    def for_user(cls, user):
        """The panel for a translator, or None for users who translate nothing."""
        from .teams import source_language, user_languages

        languages = sorted(code for code in user_languages(user) if code != source_language())
        if user.is_superuser or not languages:
            return None
        rows = [
            row for row in build_rows(languages=languages) if row.state != UP_TO_DATE and row.target_edit_url
        ]
        reviews = TaskState.objects.reviewable_by(user).count()
        return cls(rows, reviews)

    def get_context_data(self, parent_context):
        return {
            "rows": self.rows[:20],
            "more": max(0, len(self.rows) - 20),
            "reviews": self.reviews,
            "report_url": reverse("translations:status_report"),
        }


def construct_panels(request, panels):
    if policy.can_view_report(request.user):
        panel = WaitingForYouPanel.for_user(request.user)
        if panel is not None:
            panels.append(panel)
