"""The one place that touches wagtail-localize's, polib's and Django's internals.

Every workaround for upstream behaviour lives here, each with a contract test in
``tests/test_compat.py`` pinned to the installed versions: the test fails the day
upstream changes, which is the day the workaround can be reviewed or deleted.

1. Admin catalogues fall back to English, not to the site's default language
   (``english_fallback``).
2. Saving a translation as a draft never changes what visitors see
   (``save_translation_draft``; ``services.save_draft`` is this function).
3. A PO upload is parsed from its bytes, never opened as a path (``parse_po_bytes``).
4. wagtail-localize's admin URLs are served through the translation policy
   (``guarded_localize_urls``).
"""

from django.db import transaction
from django.utils.translation import trans_real
from wagtail.models import DraftStateMixin, Page

# --- 1. Catalogue fallback ---------------------------------------------------------------
#
# Django gives every non-English catalogue the catalogue of LANGUAGE_CODE (here Polish) as
# its fallback (DjangoTranslation._add_fallback). Wagtail's and wagtail-localize's own
# catalogues are incomplete in Norwegian, so a Norwegian translator met Polish words among
# Norwegian ones. With the fallback removed, a message missing from every catalogue of the
# active language shows its English msgid. The site's own catalogues are complete
# (tests/test_catalogues.py), so visitors see no difference.


def _no_default_language_fallback(self, localedirs=None):
    return None


DJANGO_ADD_FALLBACK = trans_real.DjangoTranslation._add_fallback


def english_fallback():
    """Install once (TranslationsConfig.ready); idempotent."""
    cls = trans_real.DjangoTranslation
    if cls._add_fallback is _no_default_language_fallback:
        return
    cls._add_fallback = _no_default_language_fallback
    trans_real._translations = {}
    trans_real._default = None


# --- 2. Saving a translation as a draft ----------------------------------------------------
#
# wagtail-localize's ``Translation.save_target(publish=False)`` writes the draft into the
# object's own row, which is what visitors are served, and for a snippet it also sets
# ``live = False``. ``save_translation_draft`` puts the live row back in the same transaction.


def save_translation_draft(translation, user):
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


# --- 3. PO files from their bytes ----------------------------------------------------------
#
# polib.pofile(text) opens ``text`` as a path when a file of that name exists, and so does
# its private parser: an upload whose content is "/etc/passwd" was read from the server's
# disk. The upload's bytes go to a temporary file of our own, whose path is the only thing
# polib ever opens.


def parse_po_bytes(raw):
    """A ``polib.POFile`` parsed from ``raw`` (bytes, UTF-8), or ValueError with polib's message."""
    import tempfile

    import polib

    with tempfile.NamedTemporaryFile(suffix=".po") as handle:
        handle.write(raw)
        handle.flush()
        try:
            return polib.pofile(handle.name, encoding="utf-8-sig", check_for_duplicates=True)
        except (OSError, ValueError, IndexError, KeyError) as error:
            # polib names the file it read: ours, which means nothing to the person uploading.
            raise ValueError(str(error).replace(f" {handle.name}", "").replace(handle.name, "")) from error


# --- 4. wagtail-localize's admin URLs, guarded -----------------------------------------------
#
# wagtail-localize checks Wagtail's model permissions in its views, not the language of the
# object (a Norwegian translator could stop the Icelandic translation of an organisation).
# It offers no hook for its own views, so the translations app registers every one of its
# URL paths again, before wagtail-localize's own (``register_admin_urls`` with ``order=-1``),
# each behind a check of ``translations.policy``. A URL that wagtail-localize adds in a later
# version and that has no guard here is refused to everyone but superusers until it gets one
# (``tests/test_compat.py`` names it).


def localize_url_patterns():
    """wagtail-localize's own admin URL patterns (without the ``localize/`` prefix)."""
    from wagtail_localize import wagtail_hooks as localize_hooks

    (include_pattern,) = localize_hooks.register_admin_urls()
    return list(include_pattern.url_patterns)


def guarded_localize_urls(guards, replacements):
    """wagtail-localize's URL patterns, each view wrapped in its guard from ``guards``.

    ``guards``: URL name -> ``check(request, **kwargs)`` that raises PermissionDenied or
    Http404; ``replacements``: URL name -> the project's own view for that path.
    """
    import functools

    from django.core.exceptions import PermissionDenied
    from django.urls import path

    def superusers_only(request, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied

    patterns = []
    for pattern in localize_url_patterns():
        view = replacements.get(pattern.name, pattern.callback)
        check = guards.get(pattern.name, superusers_only)

        def guarded(request, *args, _view=view, _check=check, **kwargs):
            _check(request, **kwargs)
            return _view(request, *args, **kwargs)

        functools.update_wrapper(guarded, view)
        guarded.policy_guard = check
        patterns.append(path(str(pattern.pattern), guarded, name=pattern.name))
    return patterns
