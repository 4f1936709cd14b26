"""Listings of seminars and speakers: filters and pagination (the queries are ``events.queries``).

Used from ``get_context()`` of the project index, project and speaker index
pages. Nothing here trusts the query string: a filter value that is not one of
the offered choices, or a page number that is not a number or out of range, is
ignored or corrected, and the visitor is told so in the page's language
(``notices``) instead of getting an error.
"""

import re
import zoneinfo
from dataclasses import dataclass, field, fields
from urllib.parse import urlencode

import django_filters
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Country
from .collation import initial, sort_by
from .queries import attach_speakers, shown_organisations, talks_by_speaker

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


def fetch_shown(queryset, *listings):
    """Replace the ids on each listing's page by their objects from ``queryset``, in order, in one query."""
    found = queryset.in_bulk([pk for listing in listings for pk in listing.page.object_list])
    for listing in listings:
        listing.page.object_list = [found[pk] for pk in listing.page.object_list if pk in found]


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


@dataclass(frozen=True)
class SeminarRow:
    """What a listing needs of every seminar, read as a plain row (no page object is built)."""

    pk: int
    start: object
    end: object
    country: str
    title: str
    slug: str
    time_zone: str

    @property
    def local_start(self):
        return self.start.astimezone(zoneinfo.ZoneInfo(self.time_zone))


ROW_FIELDS = [field.name for field in fields(SeminarRow)]
ROW_FIELDS[ROW_FIELDS.index("country")] = "venue_country"


def seminar_listing(request, seminars, locale):
    """The context of a seminar listing: filter form, upcoming and past lists, notices.

    ``seminars`` is a SeminarPage queryset (live, public, one language tree).
    Upcoming seminars are paginated with ``?upcoming_page=``, past ones with
    ``?page=``; both keep the filters. Four queries whatever the number of seminars: every
    seminar as a plain row (the filters' choices, the filtering and the order), the seminars
    shown as pages, and the speakers of those (two). ``all_seminars`` is every seminar's row
    (``SeminarRow``) in time order.
    """
    notices = []
    rows = [SeminarRow(*row) for row in seminars.order_by("start", "pk").values_list(*ROW_FIELDS)]
    years = sorted({timezone.localtime(row.start).year for row in rows}, reverse=True)
    countries = {row.country for row in rows if row.country}
    data = {name: _value(request, name) for name in ("year", "country") if name in request.GET}
    filterset = SeminarFilterSet(data, seminars, years, countries)
    query = _applied(filterset, notices, {"year": INVALID_YEAR, "country": INVALID_COUNTRY})
    # The filters applied to the rows, as django-filter's `start__year` and `venue_country` would.
    shown = [
        row
        for row in rows
        if ("year" not in query or timezone.localtime(row.start).year == int(query["year"]))
        and ("country" not in query or row.country == query["country"])
    ]
    # The form shows only the values that were applied; bad ones are dropped from the fields.
    form = SeminarFilterSet(query, seminars, years, countries).form

    now = timezone.now()
    upcoming = paginate(request, [row.pk for row in shown if row.end >= now], "upcoming_page", query, notices)
    past = paginate(request, [row.pk for row in reversed(shown) if row.end < now], "page", query, notices)
    # Without the report and gallery, which listings do not show.
    fetch_shown(seminars.select_related("locale").defer("report", "gallery"), upcoming, past)
    attach_speakers(list(upcoming.page.object_list) + list(past.page.object_list), locale)
    return {
        "seminar_filter": form,
        "seminar_filters_applied": bool(query),
        "upcoming": upcoming,
        "past": past,
        "listing_notices": list(dict.fromkeys(notices)),
        "all_seminars": rows,
    }


class SpeakerFilterSet(django_filters.FilterSet):
    """Country and organisation of the speaker listing, offering only the values the listing has.

    The organisation is the one visitors see (``shown_organisation``): a speaker
    whose organisation is an unpublished translation is listed under the live
    Polish organisation it falls back to. The form validates the values; the listing
    applies them to its rows itself (``speaker_listing``), without another query.
    """

    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("All countries"))
    organisation = django_filters.ChoiceFilter(label=_("Organisation"), empty_label=_("All organisations"))

    def __init__(self, data, queryset, countries, organisations, language):
        super().__init__(data, queryset=queryset)
        ordered = sort_by(organisations, language, lambda o: o.name)
        self.filters["country"].extra["choices"] = _country_choices(countries)
        self.filters["organisation"].extra["choices"] = [(str(o.pk), o.name) for o in ordered]


@dataclass
class LetterGroup:
    letter: str
    speakers: list


def speaker_listing(request, speakers, locale):
    """Speakers sorted by family name in the alphabet of ``locale``'s language, filtered, grouped by initial.

    ``speakers`` is a SpeakerPage queryset. ``SPEAKERS_PER_PAGE`` speakers a page (``?page=``,
    the filters kept). The filters and the order need only a few columns of every speaker, read
    as plain rows; only the speakers shown are fetched as pages (with organisation, photo and
    locale), and each of them gets ``listed_talks``: their talks across seminars (one query for
    all). Five queries at most, whatever the number of speakers.
    """
    language = locale.language_code
    notices = []
    rows = list(speakers.values_list("pk", "title", "family_name", "country", "organisation_id", named=True))
    organisation_model = speakers.model._meta.get_field("organisation").related_model
    organisations = organisation_model.objects.filter(
        pk__in={row.organisation_id for row in rows if row.organisation_id is not None}
    ).select_related("locale", "logo")
    # Only what visitors see: live organisations (a never-published translation is the Polish one).
    shown = shown_organisations(organisations)
    countries = {row.country for row in rows if row.country}
    offered = list({o.pk: o for o in shown.values() if o is not None}.values())
    data = {name: _value(request, name) for name in ("country", "organisation") if name in request.GET}
    filterset = SpeakerFilterSet(data, speakers, countries, offered, language)
    query = _applied(filterset, notices, {"country": INVALID_COUNTRY, "organisation": INVALID_ORGANISATION})
    if "country" in query:
        rows = [row for row in rows if row.country == query["country"]]
    if "organisation" in query:
        wanted = int(query["organisation"])
        rows = [row for row in rows if getattr(shown.get(row.organisation_id), "pk", None) == wanted]
    form = SpeakerFilterSet(query, speakers, countries, offered, language).form

    rows = sort_by(rows, language, lambda row: row.family_name or row.title, lambda row: row.title)
    # A page of speakers at a time, so that the page does not grow with the programme.
    listing = paginate(request, [row.pk for row in rows], "page", query, notices, per_page=SPEAKERS_PER_PAGE)
    fetch_shown(speakers, listing)
    speakers = list(listing.page.object_list)
    talks = talks_by_speaker(speakers, locale)
    groups = []
    for speaker in speakers:
        speaker.shown_organisation = shown.get(speaker.organisation_id)
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
