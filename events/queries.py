"""Every query of the events app: which version of a page, organisation or talk visitors see.

Models, listings, views, feeds and template tags ask this module; it imports
none of them. The helpers take the pages or querysets they work on (or reach
related models through Django's ``_meta`` API), so ``events.models`` can use
them without an import cycle.
"""

from django.conf import settings
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.query import PageQuerySet

from home.pages import public

# What a speaker's card shows besides the page itself: fetched with the speakers.
SPEAKER_CARD_RELATED = ("locale", "photo", "organisation")
# Long fields that talks and cards never show, left out when seminars and speakers come with talks
# (a StreamField is parsed from JSON for every row that carries it).
UNSHOWN_SEMINAR_FIELDS = ("report", "gallery")
UNSHOWN_SPEAKER_FIELDS = ("biography", "links")


def source_language_code():
    """The language editors write in (Polish); translations fall back to it."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def best_versions(items, language_code, key, page=lambda item: item):
    """The items whose page is the best language version of its group, in their order.

    ``key(item)`` names the group (a seminar's ``translation_key``, for instance) and
    ``page(item)`` the page the item belongs to (with its ``locale`` fetched). Per
    group the best version is the page in ``language_code``, else the one in the
    source language (Polish), else the first other; items of the other versions
    are dropped.
    """
    items = list(items)
    source = source_language_code()

    def rank(item):
        code = page(item).locale.language_code
        return 0 if code == language_code else (1 if code == source else 2)

    chosen = {}
    for item in items:
        group, item_rank = key(item), rank(item)
        if group not in chosen or item_rank < chosen[group][0]:
            chosen[group] = (item_rank, page(item).pk)
    return [item for item in items if chosen[key(item)][1] == page(item).pk]


def localized_pages(pages, locale, related=(), defer=()):
    """Map each page to its live translation in ``locale`` in one query.

    Returns ``{translation_key: page}``; a page without a live translation maps
    to itself (the source-language page), so callers can mark the fallback with
    the page's own language. ``related`` names foreign keys to fetch in the same
    query (fetch them for the source pages too), ``defer`` fields that are not needed.
    """
    pages = [p for p in pages if p is not None]
    if not pages:
        return {}
    model = type(pages[0])
    translated = model.objects.live().filter(
        locale=locale, translation_key__in={p.translation_key for p in pages}
    )
    found = {p.translation_key: p for p in translated.select_related("locale", *related).defer(*defer)}
    return {p.translation_key: found.get(p.translation_key, p) for p in pages}


# --- Organisations ----------------------------------------------------------


def shown_organisations(organisations):
    """What visitors see for each organisation: ``{pk: organisation or None}``.

    The row of an organisation is its live version. A translation that was
    never published (``live=False``) is replaced by the live organisation of
    the source language (Polish) with the same ``translation_key``, which
    carries its own ``locale`` so that templates can mark its language; when
    there is none either, nothing is shown (None). One query at most, for the
    fallbacks, whatever the number of organisations.
    """
    organisations = [o for o in organisations if o is not None]
    missing = {o.translation_key for o in organisations if not o.live}
    fallbacks = {}
    if missing:
        model = type(organisations[0])
        fallbacks = {
            o.translation_key: o
            for o in model._default_manager.filter(
                translation_key__in=missing,
                locale__language_code=source_language_code(),
                live=True,
            ).select_related("locale", "logo")
        }
    return {o.pk: (o if o.live else fallbacks.get(o.translation_key)) for o in organisations}


def shown_organisation(organisation):
    """``shown_organisations`` for one organisation (None stays None)."""
    if organisation is None:
        return None
    return shown_organisations([organisation])[organisation.pk]


def attach_shown_organisations(speakers):
    """Set ``shown_organisation`` on every speaker with one query at most."""
    speakers = [s for s in speakers if s is not None]
    shown = shown_organisations([s.organisation for s in speakers if s.organisation_id])
    for speaker in speakers:
        speaker.shown_organisation = shown.get(speaker.organisation_id) if speaker.organisation_id else None
    return speakers


# --- Seminars and talks -----------------------------------------------------


class SeminarQuerySet(PageQuerySet):
    """Page querysets of seminars, split at the present moment."""

    def upcoming(self):
        return self.filter(end__gte=timezone.now()).order_by("start")

    def past(self):
        return self.filter(end__lt=timezone.now()).order_by("-start")

    def once_each(self, language_code):
        """Every seminar once, in ``language_code`` where it is translated, otherwise in its source language.

        A list in time order; one query for the seminars, whatever their number.
        """
        seminars = self.select_related("locale").order_by("start", "pk")
        return best_versions(seminars, language_code, key=lambda seminar: seminar.translation_key)


def _talk_model(page_model, relation):
    """The talk model, reached through ``relation`` (a reverse foreign key) of a page model."""
    return page_model._meta.get_field(relation).related_model


def programme(seminar):
    """The seminar's talks in time order, each with ``speaker_page`` in the seminar's language.

    From ``seminar.talks``, which in a preview are the draft's talks, not the database's.
    """
    talks = list(
        seminar.talks.select_related(
            "presentation", "speaker", *(f"speaker__{name}" for name in SPEAKER_CARD_RELATED)
        ).order_by("start_time", "sort_order")
    )
    speakers = localized_pages(
        [t.speaker for t in talks], seminar.locale, related=SPEAKER_CARD_RELATED, defer=UNSHOWN_SPEAKER_FIELDS
    )
    attach_shown_organisations(speakers.values())
    for talk in talks:
        talk.speaker_page = speakers.get(talk.speaker.translation_key) if talk.speaker else None
    return talks


def attach_programmes(seminars):
    """Set the ``programme`` of live seminars (see ``programme``) in a few queries whatever their number.

    One query for the talks, one per language of the seminars for the speakers' translations,
    at most one for organisations shown instead of unpublished translations.
    """
    seminars = list(seminars)
    if not seminars:
        return seminars
    related = ("presentation", "speaker", *(f"speaker__{name}" for name in SPEAKER_CARD_RELATED))
    talks = list(
        _talk_model(type(seminars[0]), "talks")
        .objects.filter(page__in=[s.pk for s in seminars])
        .select_related(*related)
        .order_by("start_time", "sort_order")
    )
    by_seminar = {}
    for talk in talks:
        by_seminar.setdefault(talk.page_id, []).append(talk)
    speakers = {}
    for locale_id in {s.locale_id for s in seminars}:
        mine = [t.speaker for s in seminars if s.locale_id == locale_id for t in by_seminar.get(s.pk, [])]
        locale = next(s.locale for s in seminars if s.locale_id == locale_id)
        speakers[locale_id] = localized_pages(
            mine, locale, related=SPEAKER_CARD_RELATED, defer=UNSHOWN_SPEAKER_FIELDS
        )
    attach_shown_organisations([p for found in speakers.values() for p in found.values()])
    for seminar in seminars:
        found = speakers[seminar.locale_id]
        for talk in by_seminar.get(seminar.pk, []):
            talk.speaker_page = found.get(talk.speaker.translation_key) if talk.speaker else None
        seminar.__dict__["programme"] = by_seminar.get(seminar.pk, [])
    return seminars


def attach_speakers(seminars, locale):
    """Give each seminar ``listed_speakers``: its speakers in ``locale``, in programme order.

    Two queries for the whole list (the talks with their speakers; the
    speakers' translations), whatever the number of seminars.
    """
    seminars = list(seminars)
    if not seminars:
        return seminars
    talk_model = _talk_model(type(seminars[0]), "talks")
    talks = list(
        talk_model.objects.filter(page__in=[s.pk for s in seminars], speaker__isnull=False)
        .select_related("speaker", "speaker__locale")
        .defer(*(f"speaker__{name}" for name in UNSHOWN_SPEAKER_FIELDS))
        .order_by("page_id", "start_time", "sort_order")
    )
    translated = localized_pages([t.speaker for t in talks], locale, defer=UNSHOWN_SPEAKER_FIELDS)
    by_seminar = {}
    for talk in talks:
        speaker = translated.get(talk.speaker.translation_key, talk.speaker)
        people = by_seminar.setdefault(talk.page_id, [])
        if all(p.pk != speaker.pk for p in people):
            people.append(speaker)
    for seminar in seminars:
        seminar.listed_speakers = by_seminar.get(seminar.pk, [])
    return seminars


def talks_by_speaker(speakers, locale):
    """``{speaker translation_key: [talks]}``: each speaker's talks across seminars, newest first.

    A talk is taken from the seminar page in ``locale``; a seminar not (yet)
    translated into it is shown in its source language (its ``page.locale``
    says which), so a speaker's list does not lose talks. One query for any
    number of speakers.
    """
    speakers = list(speakers)
    keys = {s.translation_key for s in speakers}
    if not keys:
        return {}
    talk_model = _talk_model(type(speakers[0]), "talks_given")
    talks = (
        public(talk_model.objects.filter(speaker__translation_key__in=keys, page__live=True), "page__path")
        .select_related("page", "page__locale", "presentation", "speaker")
        .defer(*(f"page__{name}" for name in UNSHOWN_SEMINAR_FIELDS))
        .defer(*(f"speaker__{name}" for name in UNSHOWN_SPEAKER_FIELDS))
        .order_by("-page__start", "start_time", "sort_order")
    )
    # Per seminar, the talks of its best version: the one in `locale`, else the source.
    chosen = best_versions(
        talks,
        locale.language_code,
        key=lambda talk: (talk.speaker.translation_key, talk.page.translation_key),
        page=lambda talk: talk.page,
    )
    result = {}
    for talk in chosen:
        result.setdefault(talk.speaker.translation_key, []).append(talk)
    return result
