"""Who may do what, in which language: the translation workflow's one set of rules.

Every hook, view and template of the translations app asks these functions;
no rule is written a second time anywhere else. The roles (``docs/editors.md``
has the full matrix, and ``tests/test_permission_matrix.py`` walks it against
the real admin URLs):

* **superuser**: everything.
* **coordinator** (group "Translation coordinators"): sees the whole translation
  status report and its exports, in every language, drafts included, and
  wagtail-localize's own report. Changes no content (add them to a team to do so).
* **source editors** (group "Polish editors"): write, publish and restructure
  the Polish tree and Polish organisations; send them for translation; sync.
* **translators** (one group per target language): translate their language
  only, save drafts and submit them for review; a *second* member of the same
  team approves, which publishes. They never publish, unpublish, delete, move,
  copy or convert pages, and never stop a translation, directly.

A user in no team and not a coordinator keeps Wagtail's own rules (Wagtail's
permissions on each language tree still apply to them).
"""

from wagtail.models import LockableMixin, Page, TranslatableMixin

from .teams import source_language, user_can_work_in, user_languages

COORDINATORS = "Translation coordinators"


# --- Who is who ----------------------------------------------------------------------------


def is_coordinator(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_translation_coordinator", None)
    if cached is None:
        cached = user.groups.filter(name=COORDINATORS).exists()
        user._translation_coordinator = cached
    return cached


def is_translator_of(user, obj):
    """Is ``obj`` in a target language of one of the user's teams (not the source language)?"""
    if user.is_superuser or not isinstance(obj, TranslatableMixin):
        return False
    code = obj.locale.language_code
    return code != source_language() and code in user_languages(user)


def works_in(user, locale):
    return user_can_work_in(user, locale)


# --- Content in a language -----------------------------------------------------------------


def locked_for(user, obj):
    """Is ``obj`` locked against this user's changes (a lock, or a review in progress)?"""
    if not isinstance(obj, LockableMixin | Page):
        return False
    lock = obj.get_lock()
    return bool(lock and lock.for_user(user))


def can_edit(user, obj):
    """May the user change (draft) content of ``obj``, on top of Wagtail's own permissions?"""
    if isinstance(obj, TranslatableMixin) and not works_in(user, obj.locale):
        return False
    return not locked_for(user, obj)


def must_review(user, obj):
    """A translator's change goes live only after a second team member approves it."""
    return is_translator_of(user, obj)


def can_publish(user, obj):
    """May the user put ``obj`` (or its latest draft) live directly, without review?"""
    if isinstance(obj, TranslatableMixin) and not works_in(user, obj.locale):
        return False
    return not must_review(user, obj)


def can_unpublish(user, obj):
    """Taking a page offline changes what visitors see: the same rule as publishing."""
    return can_publish(user, obj)


def can_restructure(user, obj):
    """Delete, move or copy: the structure of every tree follows the source language."""
    if isinstance(obj, TranslatableMixin) and not works_in(user, obj.locale):
        return False
    return not is_translator_of(user, obj)


can_delete = can_move = can_copy = can_restructure


def can_convert_to_alias(user, page):
    """An alias shows the Polish text under another language's address: superusers only."""
    return user.is_superuser


# --- wagtail-localize's objects ------------------------------------------------------------


def can_submit_for_translation(user, obj):
    """Send a source object to other languages (wagtail-localize's "Translate")."""
    if not (user.is_superuser or user.has_perm("wagtail_localize.submit_translation")):
        return False
    return not isinstance(obj, TranslatableMixin) or works_in(user, obj.locale)


def can_sync(user, source_instance):
    """Bring a source's changes into its translations (they stay drafts until translated)."""
    return can_submit_for_translation(user, source_instance)


def can_view_translation(user, translation, target=None):
    """Read a translation (PO download, preview): its language's team."""
    return works_in(user, translation.target_locale)


def can_translate(user, translation, target):
    """Write strings of ``translation`` (the editor, PO upload, machine translation)."""
    if not works_in(user, translation.target_locale):
        return False
    return not (target is not None and locked_for(user, target))


def can_stop_translation(user, translation, target=None):
    """Detach a translation from its source: the source language's editors decide that.

    (wagtail-localize also asks for the right to edit the target: for pages, only
    superusers have both; Polish editors stop organisations' translations.)
    """
    if user.is_superuser:
        return True
    if target is not None and is_translator_of(user, target):
        return False
    return user.has_perm("wagtail_localize.submit_translation") and works_in(user, translation.source.locale)


# --- Publishing a translation --------------------------------------------------------------


def incomplete_translation(obj):
    """The enabled translation of ``obj`` if strings are missing (publishing would show Polish)."""
    if not isinstance(obj, TranslatableMixin) or obj.locale.language_code == source_language():
        return None
    translation = translation_of(obj)
    if translation is None:
        return None
    total, translated = translation.get_progress()
    return translation if translated < total else None


def translation_of(obj):
    """The enabled wagtail-localize Translation whose target is ``obj`` (None: not a translation)."""
    from wagtail_localize.models import Translation

    if not isinstance(obj, TranslatableMixin):
        return None
    return (
        Translation.objects.filter(
            source__object_id=obj.translation_key, target_locale_id=obj.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


# --- Reports -------------------------------------------------------------------------------


def report_languages(user, all_languages):
    """Target languages whose rows the user sees in the status report and its exports."""
    if user.is_superuser or is_coordinator(user) or source_language() in user_languages(user):
        return list(all_languages)
    own = user_languages(user)
    return [code for code in all_languages if code in own]


def can_view_report(user):
    return user.is_superuser or is_coordinator(user) or bool(user_languages(user))


def sees_source_drafts(user):
    """May the user see titles of unpublished source pages (drafts nobody has translated yet)?"""
    return user.is_superuser or is_coordinator(user) or source_language() in user_languages(user)


def can_view_localize_report(user):
    """wagtail-localize's own "Translations" report lists every language: coordinators only."""
    return user.is_superuser or is_coordinator(user)
