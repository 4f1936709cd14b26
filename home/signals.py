"""What makes the page cache (``home.cache``) and a CDN in front stale: every change visitors can see.

* pages: published (a revert publishes an older revision; wagtail-localize's sync and the
  translators' review publish too), unpublished, moved, deleted, and any save of a page's
  row other than Wagtail's draft bookkeeping (a draft changes nothing visitors see);
* snippets with drafts (organisations): published, unpublished, and any save or deletion of
  the row, which is the live version;
* images, documents, sites, locales, view restrictions and redirects: saved or deleted
  (renditions are made while pages render, so they are left out on purpose).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from .cache import content_changed

# Fields Wagtail saves when a draft is saved, locked or submitted: not what visitors see.
DRAFT_BOOKKEEPING = {
    "comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    # Images and documents fill these in lazily, while a page renders.
    "file_size",
    "file_hash",
}


def _row_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    if update_fields is not None and set(update_fields) <= DRAFT_BOOKKEEPING:
        return
    content_changed()


def _deleted(sender, instance, **kwargs):
    content_changed()


def _changed(sender, **kwargs):
    content_changed()


def connect():
    from django.apps import apps
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, Locale, Page, PageViewRestriction, Site

    from events.models import Organisation

    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(_changed, dispatch_uid=f"page-cache-{id(signal)}")
    # Page subclasses send post_save/post_delete with their own class as the sender.
    pages = [model for model in apps.get_models() if issubclass(model, Page)]
    others = [
        Organisation,
        get_image_model(),
        get_document_model(),
        Site,
        Locale,
        PageViewRestriction,
        CollectionViewRestriction,
        Redirect,
    ]
    for model in pages + others:
        post_save.connect(_row_saved, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
