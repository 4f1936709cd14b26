"""What every page type shares for serving it with few queries (see the query budget in the README).

* ``public(queryset)``: Wagtail's ``PageQuerySet.public()`` (no page under a view restriction)
  without its extra query: Wagtail first reads every restriction, this asks the database in a
  subquery of the same query.
* ``SitePage``: a mixin of every page type. Its view restrictions are found in one query from
  the page's own tree path (Wagtail reads the ancestors first), and ``serve_related`` names the
  foreign keys the page's template shows, fetched with the page when it is served
  (``home.views.serve``).
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Substr
from wagtail.models import Page, PageViewRestriction

# Pages are at most this deep: the page types allow root > home > index > project > seminar (5).
MAX_DEPTH = 6


def _prefixes(path):
    """The tree paths of the outer query's page (``path``) and of its ancestors, as SQL expressions.

    Compared with ``IN``, they let the database look restrictions up by the page path's index
    (a comparison with ``SUBSTR(path, 1, LENGTH(restricted path))`` makes PostgreSQL compare every
    page with every other when it does not know that there are no restrictions).
    """
    return [Substr(OuterRef(path), 1, Page.steplen * depth) for depth in range(1, MAX_DEPTH + 1)]


def restricted(path="path"):
    """True for a page at or under a page with a view restriction (``path``: the outer query's tree path)."""
    return Exists(PageViewRestriction.objects.filter(page__path__in=_prefixes(path)))


def public(queryset, path="path"):
    """``queryset`` without pages at or under a page with a view restriction."""
    return queryset.exclude(restricted(path))


def with_restriction_flag(queryset):
    """Pages annotated with whether any restriction could apply (their own tree's, or their originals')."""
    aliased = PageViewRestriction.objects.filter(page__aliases__path__in=_prefixes("path"))
    return queryset.annotate(may_be_restricted=restricted() | Exists(aliased))


class SitePage:
    serve_related = ()

    def get_view_restrictions(self):
        """Restrictions on this page, its ancestors or the pages they are aliases of (as Wagtail's).

        One query; none when the page was served with ``with_restriction_flag`` and has none.
        """
        if getattr(self, "may_be_restricted", None) is False:
            return PageViewRestriction.objects.none()
        step = Page.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()
