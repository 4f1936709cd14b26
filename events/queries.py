"""Query helpers of the events app: which version of a page, organisation or talk visitors see."""

from wagtail.models import Locale


def best_versions(items, language_code, key, page=lambda item: item):
    """The items whose page is the best language version of its group, in their order.

    ``key(item)`` names the group (a seminar's ``translation_key``, for instance) and
    ``page(item)`` the page the item belongs to (with its ``locale`` fetched). Per
    group the best version is the page in ``language_code``, else the one in the
    source language (Polish), else the first other; items of the other versions
    are dropped.
    """
    items = list(items)
    source_id = Locale.get_default().pk

    def rank(item):
        locale = page(item).locale
        return 0 if locale.language_code == language_code else (1 if locale.pk == source_id else 2)

    chosen = {}
    for item in items:
        group, item_rank = key(item), rank(item)
        if group not in chosen or item_rank < chosen[group][0]:
            chosen[group] = (item_rank, page(item).pk)
    return [item for item in items if chosen[key(item)][1] == page(item).pk]
