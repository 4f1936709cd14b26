"""Sync and publish translations without letting untranslated text go live.

wagtail-localize's "Sync translated pages" can publish every translation at
once, filling strings nobody has translated with the Polish source text under
another language's ``lang``. Here a sync updates the source, then for each
chosen language:

* a live translation whose strings are all still translated is published again
  (only synchronised fields such as dates changed, so visitors get them now);
* any other translation is saved as a draft: the live page keeps the last
  reviewed translation until a translator translates the changed strings and a
  second person approves them. Nothing untranslated goes live by itself.

Every translated string that still matches the source is kept: strings are
stored per source text and position, and a sync only adds segments.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import StringTranslation, Translation

from .changes import carry_over_previous_translations
from .teams import user_can_work_in


@dataclass
class SyncResult:
    published: list = field(default_factory=list)
    drafts: list = field(default_factory=list)
    failed: list = field(default_factory=list)

    @property
    def locales(self):
        return self.published + self.drafts + self.failed


def is_complete(translation):
    total, translated = translation.get_progress()
    return translated == total


def target_is_live(translation):
    try:
        target = translation.get_target_instance()
    except translation.source.specific_content_type.model_class().DoesNotExist:
        return False
    if isinstance(target, Page | DraftStateMixin):
        return bool(target.live)
    return True  # snippets without drafts are always "live"


def may_republish(translation):
    """May a sync put this translation live again without a review?

    Only when it is live, every string is translated, no review is under way, and no
    translated string changed since it was last published: a translator's unreviewed edits
    go live through review, never through somebody else's sync.
    """
    if not target_is_live(translation) or not is_complete(translation):
        return False
    target = translation.get_target_instance()
    if getattr(target, "workflow_in_progress", False):
        return False
    live_revision = getattr(target, "live_revision", None)
    if live_revision is None:
        return True
    return not StringTranslation.objects.filter(
        locale=translation.target_locale,
        context__object_id=translation.source.object_id,
        updated_at__gt=live_revision.created_at,
    ).exists()


@transaction.atomic
def sync_translations(source, user, locales=None):
    """Refresh ``source`` from the (published) source object and update its translations.

    ``locales``: the target locales to update (all enabled translations when None).
    """
    source.update_from_db()
    translations = source.translations.filter(enabled=True).select_related("target_locale", "source")
    if locales is not None:
        translations = translations.filter(target_locale__in=locales)
    result = SyncResult()
    for translation in translations:
        locale = translation.target_locale
        # A changed string starts from the previous translation, marked for checking.
        carry_over_previous_translations(source, locale)
        model = source.specific_content_type.model_class()
        drafts_possible = issubclass(model, Page | DraftStateMixin)
        publish = not drafts_possible or may_republish(translation)
        try:
            if publish:
                translation.save_target(user=user, publish=True)
            else:
                save_draft(translation, user)
        except ValidationError:
            result.failed.append(locale)
            continue
        (result.published if publish else result.drafts).append(locale)
    return result


def publishable_translations(source, user):
    """Enabled translations of ``source`` whose target language the user may touch."""
    return [
        t
        for t in Translation.objects.filter(source=source, enabled=True).select_related("target_locale")
        if user_can_work_in(user, t.target_locale) or user.has_perm("wagtail_localize.submit_translation")
    ]


def save_draft(translation, user):
    """Save the translation as a draft revision without touching what visitors see.

    For every model with drafts (pages and snippets such as organisations).
    wagtail-localize's ``save_target(publish=False)`` writes the draft into the
    object's own row, which is what visitors are served (the untranslated
    Polish strings of the draft would go live), and for a snippet it also sets
    ``live = False`` (taking a live translation offline). So, in one
    transaction, for a live target the row is put back to its live revision,
    keeping the new draft as the latest revision: afterwards ``live`` and
    ``live_revision`` are unchanged, ``latest_revision`` is the new draft and
    ``has_unpublished_changes`` is set. A target that was never live stays
    not live. Returns the target.
    """
    from wagtail.models import Revision

    model = translation.source.specific_content_type.model_class()
    if not issubclass(model, DraftStateMixin):
        raise TypeError(f"{model.__name__} has no drafts: publish its translations instead.")
    lookup = {"translation_key": translation.source.object_id, "locale": translation.target_locale}
    with transaction.atomic():
        target = model._default_manager.select_for_update().filter(**lookup).first()
        live_revision_id = None
        if target is not None and target.live:
            live_revision_id = target.live_revision_id
            if live_revision_id is None and not getattr(target, "alias_of_id", None):
                # Live without a live revision (made before revisions were kept): the row is
                # the live version; keep it as a revision to restore it from. (An alias page
                # has no revisions: wagtail-localize turns it into a translation.)
                live_revision_id = target.save_revision(user=None, changed=False, clean=False).pk
        translation.save_target(user=user, publish=False)
        draft = model._default_manager.get(**lookup)
        if live_revision_id is None:
            return draft
        live = Revision.objects.get(pk=live_revision_id).as_object()
        live.latest_revision_id = draft.latest_revision_id
        if isinstance(live, Page):
            live.latest_revision_created_at = draft.latest_revision_created_at
            live.draft_title = draft.draft_title
        live.has_unpublished_changes = True
        live.live = True
        live.live_revision_id = live_revision_id
        if isinstance(live, Page):
            live.save(clean=False)
        else:
            live.save()
        return live
