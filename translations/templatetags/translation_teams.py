"""Template helpers for the language teams."""

from django import template

from ..teams import team_for, team_members_count

register = template.Library()


@register.simple_tag
def locale_team(locale):
    """``{"name": ..., "members": n}`` for the locale's team, or None when it has no team."""
    group = team_for(locale.language_code)
    if group is None:
        return None
    return {"name": group.name, "members": team_members_count(locale.language_code)}
