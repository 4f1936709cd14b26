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
from wagtail_localize.models import StringTranslation

from .changes import carry_over_previous_translations
from .compat import save_translation_draft as save_draft


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
