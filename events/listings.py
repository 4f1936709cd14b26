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

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from .choices import Country
from .collation import initial, sort_by
from .queries import attach_shown_organisations, attach_speakers, talks_by_speaker

SEMINARS_PER_PAGE = 10
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


class SeminarFilterForm(forms.Form):
    year = forms.ChoiceField(label=_("Year"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, data, years, countries):
        super().__init__(data)
        self.fields["year"].choices = [("", _("All years"))] + [(str(y), str(y)) for y in years]
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, label) for code, label in Country.choices if code in countries
        ]


def seminar_listing(request, seminars, locale):
    """The context of a seminar listing: filter form, upcoming and past lists, notices.

    ``seminars`` is a SeminarPage queryset (live, public, one language tree).
    Upcoming seminars are paginated with ``?upcoming_page=``, past ones with
    ``?page=``; both keep the filters.
    """
    notices = []
    years = sorted({d.year for d in seminars.dates("start", "year")}, reverse=True)
    countries = set(
        seminars.exclude(venue_country="").order_by().values_list("venue_country", flat=True).distinct()
    )
    data = {name: _value(request, name) for name in ("year", "country") if name in request.GET}
    form = SeminarFilterForm(data, years, countries)
    form.is_valid()
    query = {}
    year = form.cleaned_data.get("year") if "year" not in form.errors else ""
    country = form.cleaned_data.get("country") if "country" not in form.errors else ""
    if "year" in form.errors:
        notices.append(INVALID_YEAR)
    if "country" in form.errors:
        notices.append(INVALID_COUNTRY)
    filtered = seminars
    if year:
        filtered = filtered.filter(start__year=int(year))
        query["year"] = year
    if country:
        filtered = filtered.filter(venue_country=country)
        query["country"] = country
    # A valid form shows only the values that were applied; bad ones are dropped from the fields.
    form = SeminarFilterForm(query, years, countries)
    form.is_valid()

    upcoming = paginate(request, filtered.upcoming(), "upcoming_page", query, notices)
    past = paginate(request, filtered.past(), "page", query, notices)
    attach_speakers(list(upcoming.page.object_list) + list(past.page.object_list), locale)
    return {
        "seminar_filter": form,
        "seminar_filters_applied": bool(query),
        "upcoming": upcoming,
        "past": past,
        "listing_notices": list(dict.fromkeys(notices)),
    }


class SpeakerFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)

    def __init__(self, data, countries, organisations, language):
        super().__init__(data)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, label) for code, label in Country.choices if code in countries
        ]
        ordered = sort_by(organisations, language, lambda o: o.name)
        self.fields["organisation"].choices = [("", _("All organisations"))] + [
            (str(o.pk), o.name) for o in ordered
        ]


@dataclass
class LetterGroup:
    letter: str
    speakers: list


def speaker_listing(request, speakers, locale):
    """Speakers sorted by family name in the alphabet of ``locale``'s language, filtered, grouped by initial.

    Each speaker gets ``listed_talks``: their talks across seminars (one query for all).
    """
    language = locale.language_code
    notices = []
    speakers = attach_shown_organisations(speakers)
    countries = {s.country for s in speakers if s.country}
    # Only what visitors see: live organisations (a never-published translation is the Polish one).
    organisations = {s.shown_organisation.pk: s.shown_organisation for s in speakers if s.shown_organisation}
    organisations = organisations.values()
    data = {name: _value(request, name) for name in ("country", "organisation") if name in request.GET}
    form = SpeakerFilterForm(data, countries, organisations, language)
    form.is_valid()
    query = {}
    if "country" in form.errors:
        notices.append(INVALID_COUNTRY)
    elif form.cleaned_data.get("country"):
        query["country"] = form.cleaned_data["country"]
        speakers = [s for s in speakers if s.country == query["country"]]
    if "organisation" in form.errors:
        notices.append(INVALID_ORGANISATION)
    elif form.cleaned_data.get("organisation"):
        query["organisation"] = form.cleaned_data["organisation"]
        wanted = query["organisation"]
        speakers = [s for s in speakers if s.shown_organisation and str(s.shown_organisation.pk) == wanted]
    form = SpeakerFilterForm(query, countries, organisations, language)
    form.is_valid()

    speakers = sort_by(speakers, language, lambda s: s.family_name or s.title, lambda s: s.title)
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
        "speaker_groups": groups,
        "speaker_filter": form,
        "speaker_filters_applied": bool(query),
        "listing_notices": notices,
    }
