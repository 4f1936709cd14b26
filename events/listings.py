"""Listings of seminars and speakers: filters and pagination (the queries are ``events.queries``).

Used from ``get_context()`` of the project index, project and speaker index
pages. Nothing here trusts the query string: a filter value that is not one of
the offered choices, or a page number that is not a number or out of range, is
ignored or corrected, and the visitor is told so in the page's language
(``notices``) instead of getting an error.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

import django_filters
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Country
from .collation import initial, sort_by
from .queries import attach_shown_organisations, attach_speakers, source_language_code, talks_by_speaker

SEMINARS_PER_PAGE = 10
SPEAKERS_PER_PAGE = 30
PAGE_DIGITS = re.compile(r"[0-9]+")
MAX_PAGE_DIGITS = 9
# Longest filter value looked at; anything longer is not one of the choices anyway.
MAX_VALUE_LENGTH = 64

INVALID_YEAR = _(
    "The year in the address is not one of the years with seminars. Seminars of all years are shown."
)
INVALID_COUNTRY = _(
    "The country in the address is not one of the offered countries. All countries are shown."
)
INVALID_ORGANISATION = _(
    "The organisation in the address is not one of the offered organisations. All organisations are shown."
)
INVALID_PAGE = _("The page number in the address is not valid. The first page is shown.")
PAGE_OUT_OF_RANGE = _("There is no page with that number. The last page is shown.")


@dataclass
class Listing:
    """One paginated list: ``page`` (a Django Page of objects) and how to link to other pages."""

    page: object
    param: str
    query: dict = field(default_factory=dict)

    def url_for(self, number):
        query = dict(self.query)
        if number > 1:
            query[self.param] = number
        return "?" + urlencode(query) if query else "?"

    @property
    def previous_url(self):
        return self.url_for(self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_url(self):
        return self.url_for(self.page.next_page_number()) if self.page.has_next() else ""

    @property
    def page_links(self):
        """``(number, url, is_current)`` for a short window of pages around the current one."""
        paginator = self.page.paginator
        numbers = paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)
        return [(n, self.url_for(n) if isinstance(n, int) else "", n == self.page.number) for n in numbers]


def paginate(request, items, param, query, notices, per_page=SEMINARS_PER_PAGE):
    """Page ``items`` by ``request.GET[param]``; bad numbers add a notice and show page 1 or the last."""
    paginator = Paginator(items, per_page)
    raw = request.GET.get(param) or ""
    number = 1
    if raw:
        if not PAGE_DIGITS.fullmatch(raw) or not raw.strip("0"):
            notices.append(INVALID_PAGE)
        elif len(raw.lstrip("0")) > MAX_PAGE_DIGITS or int(raw) > paginator.num_pages:
            notices.append(PAGE_OUT_OF_RANGE)
            number = paginator.num_pages
        else:
            number = int(raw)
    return Listing(paginator.page(number), param, query)


def _value(request, name):
    value = request.GET.get(name, "")
    return value[:MAX_VALUE_LENGTH] if isinstance(value, str) else ""


def _country_choices(countries):
    return [(code, label) for code, label in Country.choices if code in countries]


class SeminarFilterSet(django_filters.FilterSet):
    """Year and country of a seminar listing, offering only the values the listing has."""

    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="start", lookup_expr="year", empty_label=_("All years")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="venue_country", empty_label=_("All countries")
    )

    def __init__(self, data, queryset, years, countries):
        super().__init__(data, queryset=queryset)
        self.filters["year"].extra["choices"] = [(str(y), str(y)) for y in years]
        self.filters["country"].extra["choices"] = _country_choices(countries)


def _applied(filterset, notices, invalid):
    """The filter values that were applied; each invalid one (ignored by django-filter) adds its notice."""
    errors = filterset.form.errors
    for name, notice in invalid.items():
        if name in errors:
            notices.append(notice)
    return {name: value for name, value in filterset.form.cleaned_data.items() if value}


def seminar_listing(request, seminars, locale):
    """The context of a seminar listing: filter form, upcoming and past lists, notices.

    ``seminars`` is a SeminarPage queryset (live, public, one language tree).
    Upcoming seminars are paginated with ``?upcoming_page=``, past ones with
    ``?page=``; both keep the filters. Three queries whatever the number of seminars (one
    more when filters are applied): all the seminars, and the speakers of those shown (two).
    ``all_seminars`` is every seminar in time order.
    """
    notices = []
    # Every seminar of the listing in one query (without the report and gallery, which listings
    # do not show): the filters' choices, the pages shown and the page's structured data.
    every = list(seminars.order_by("start", "pk").select_related("locale").defer("report", "gallery"))
    rows = [(s.pk, s.start, s.end, s.venue_country) for s in every]
    years = sorted({timezone.localtime(start).year for _pk, start, _end, _country in rows}, reverse=True)
    countries = {country for *_rest, country in rows if country}
    data = {name: _value(request, name) for name in ("year", "country") if name in request.GET}
    filterset = SeminarFilterSet(data, seminars, years, countries)
    query = _applied(filterset, notices, {"year": INVALID_YEAR, "country": INVALID_COUNTRY})
    if query:  # django-filter leaves out the values that are not valid choices
        wanted = set(filterset.qs.values_list("pk", flat=True))
        rows = [row for row in rows if row[0] in wanted]
    # The form shows only the values that were applied; bad ones are dropped from the fields.
    form = SeminarFilterSet(query, seminars, years, countries).form

    now = timezone.now()
    upcoming_ids = [
        pk for pk, _start, end, _c in sorted(rows, key=lambda row: (row[1], row[0])) if end >= now
    ]
    by_start = sorted(rows, key=lambda row: (row[1], row[0]))
    past_ids = [pk for pk, _start, end, _c in reversed(by_start) if end < now]
    upcoming = paginate(request, upcoming_ids, "upcoming_page", query, notices)
    past = paginate(request, past_ids, "page", query, notices)
    objects = {s.pk: s for s in every}
    upcoming.page.object_list = [objects[pk] for pk in upcoming.page.object_list if pk in objects]
    past.page.object_list = [objects[pk] for pk in past.page.object_list if pk in objects]
    attach_speakers(list(upcoming.page.object_list) + list(past.page.object_list), locale)
    return {
        "seminar_filter": form,
        "seminar_filters_applied": bool(query),
        "upcoming": upcoming,
        "past": past,
        "listing_notices": list(dict.fromkeys(notices)),
        "all_seminars": every,
    }


class SpeakerFilterSet(django_filters.FilterSet):
    """Country and organisation of the speaker listing, offering only the values the listing has.

    The organisation is the one visitors see (``shown_organisation``): a speaker
    whose organisation is an unpublished translation is listed under the live
    Polish organisation it falls back to.
    """

    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("All countries"))
    organisation = django_filters.ChoiceFilter(
        label=_("Organisation"), method="filter_organisation", empty_label=_("All organisations")
    )

    def __init__(self, data, queryset, countries, organisations, language):
        super().__init__(data, queryset=queryset)
        self.organisations = {str(o.pk): o for o in organisations}
        ordered = sort_by(organisations, language, lambda o: o.name)
        self.filters["country"].extra["choices"] = _country_choices(countries)
        self.filters["organisation"].extra["choices"] = [(str(o.pk), o.name) for o in ordered]

    def filter_organisation(self, queryset, name, value):
        organisation = self.organisations[value]
        shown_as = Q(organisation=organisation)
        if organisation.locale.language_code == source_language_code():
            shown_as |= Q(
                organisation__translation_key=organisation.translation_key, organisation__live=False
            )
        return queryset.filter(shown_as)


@dataclass
class LetterGroup:
    letter: str
    speakers: list


def speaker_listing(request, speakers, locale):
    """Speakers sorted by family name in the alphabet of ``locale``'s language, filtered, grouped by initial.

    ``SPEAKERS_PER_PAGE`` speakers a page (``?page=``, the filters kept). Each speaker shown
    gets ``listed_talks``: their talks across seminars (one query for all).
    """
    language = locale.language_code
    notices = []
    queryset = speakers
    speakers = attach_shown_organisations(speakers)
    countries = {s.country for s in speakers if s.country}
    # Only what visitors see: live organisations (a never-published translation is the Polish one).
    organisations = {s.shown_organisation.pk: s.shown_organisation for s in speakers if s.shown_organisation}
    organisations = list(organisations.values())
    data = {name: _value(request, name) for name in ("country", "organisation") if name in request.GET}
    filterset = SpeakerFilterSet(data, queryset, countries, organisations, language)
    query = _applied(filterset, notices, {"country": INVALID_COUNTRY, "organisation": INVALID_ORGANISATION})
    if query:
        wanted = set(filterset.qs.values_list("pk", flat=True))
        speakers = [s for s in speakers if s.pk in wanted]
    form = SpeakerFilterSet(query, queryset, countries, organisations, language).form

    speakers = sort_by(speakers, language, lambda s: s.family_name or s.title, lambda s: s.title)
    # A page of speakers at a time, so that the page does not grow with the programme.
    listing = paginate(request, speakers, "page", query, notices, per_page=SPEAKERS_PER_PAGE)
    speakers = list(listing.page.object_list)
    talks = talks_by_speaker(speakers, locale)
    groups = []
    for speaker in speakers:
        speaker.listed_talks = talks.get(speaker.translation_key, [])
        letter = initial(speaker.family_name or speaker.title, language)
        if not groups or groups[-1].letter != letter:
            groups.append(LetterGroup(letter, []))
        groups[-1].speakers.append(speaker)
    return {
        "speakers": speakers,
        "speaker_pages": listing,
        "speaker_groups": groups,
        "speaker_filter": form,
        "speaker_filters_applied": bool(query),
        "listing_notices": notices,
    }
