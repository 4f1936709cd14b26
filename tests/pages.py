"""Look-ups of the demo pages used by several test modules."""

from events.models import ProjectIndexPage, ProjectPage, SeminarPage, SpeakerIndexPage, SpeakerPage
from home.models import AccessibilityStatementPage, HomePage

PAGE_TYPES = [
    HomePage,
    ProjectIndexPage,
    ProjectPage,
    SeminarPage,
    SpeakerIndexPage,
    SpeakerPage,
    AccessibilityStatementPage,
]


def demo_pages(language_code):
    """Every live demo page in one language: the home, project and seminar, six speakers and the
    accessibility statement."""
    pages = []
    for model in PAGE_TYPES:
        pages += list(model.objects.live().filter(locale__language_code=language_code).order_by("path"))
    return pages
