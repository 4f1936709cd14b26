"""The query budget: every public page type, feed and calendar renders in at most ten SQL queries.

Measured without the page cache (every request renders), in every language, on the demo
content and again after each language's tree has grown to 50 seminars (each with talks by
every speaker, and presentations), 50 speakers and 50 partners: the number of queries must
not change, so no page costs a query per talk, speaker, partner, document or seminar.
"""

import datetime
import itertools

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document

from events.models import (
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    SeminarPage,
    SeminarTalk,
    SpeakerIndexPage,
    SpeakerPage,
)
from home.models import AccessibilityStatementPage, HomePage

pytestmark = pytest.mark.django_db

BUDGET = 10
GROWN = 50
counter = itertools.count()


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False


def urls(language):
    """One address of every kind of public page of a language, and its feeds and calendars."""
    tree = {"locale__language_code": language}
    seminar = SeminarPage.objects.live().filter(**tree).order_by("path").first()
    return {
        "home": HomePage.objects.get(**tree).get_url(),
        "project index": ProjectIndexPage.objects.get(**tree).get_url(),
        "project": ProjectPage.objects.filter(**tree).order_by("path").first().get_url(),
        "seminar": seminar.get_url(),
        "speaker index": SpeakerIndexPage.objects.get(**tree).get_url(),
        "speaker": SpeakerPage.objects.filter(**tree).order_by("path").first().get_url(),
        "atom feed": f"/{language}/feeds/seminars.atom",
        "calendar feed": f"/{language}/calendar/seminars.ics",
        "seminar calendar": seminar.calendar_url(),
        "sitemap": "/sitemap.xml",
        "accessibility statement": AccessibilityStatementPage.objects.get(**tree).get_url(),
    }


def queries(client, url):
    """Queries of a render of ``url`` (the second one: the first may store renditions and file sizes)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(language):
    """Add to a language's tree: seminars with talks and presentations, speakers and partners, to 50 each."""
    tree = {"locale__language_code": language}
    project = ProjectPage.objects.filter(**tree).order_by("path").first()
    index = SpeakerIndexPage.objects.get(**tree)
    seminar = SeminarPage.objects.filter(**tree).order_by("path").first()
    locale = project.locale
    speakers = list(SpeakerPage.objects.filter(**tree))
    for i in range(GROWN - len(speakers)):
        person = SpeakerPage(
            title=f"Osoba {i}", slug=f"osoba-{i}", family_name=f"Osoba{i:02d}", locale=locale
        )
        index.add_child(instance=person)
        speakers.append(person)
    for i in range(GROWN - project.partners.count()):
        organisation = Organisation.objects.create(name=f"Gmina {i}", locale=locale, live=True)
        ProjectPartner.objects.create(page=project, organisation=organisation, locale=locale)
    # The first seminar gets 50 talks, each with a presentation, by every speaker in turn;
    # the first speaker gives all of them (50 talks on the speaker page).
    first = speakers[0]
    for i in range(GROWN - seminar.talks.count()):
        document = Document.objects.create(
            title=f"Slajdy {i}", file=ContentFile(b"%PDF-1.4 slides", name=f"slajdy-{next(counter)}.pdf")
        )
        SeminarTalk.objects.create(
            page=seminar,
            title=f"Wystąpienie {i}",
            speaker=first if i % 2 else speakers[i],
            language="pl",
            presentation=document,
            locale=locale,
        )
    now = timezone.now()
    for i in range(GROWN - SeminarPage.objects.filter(**tree).count()):
        start = now + datetime.timedelta(days=i - GROWN // 2)
        extra = SeminarPage(
            title=f"Seminarium {i}",
            slug=f"seminarium-{i}",
            summary="Opis.",
            start=start,
            end=start + datetime.timedelta(hours=3),
            venue_city="Oslo",
            venue_country="NO",
            locale=locale,
        )
        extra.talks = [SeminarTalk(title="A", speaker=speakers[i], language="pl", locale=locale)]
        project.add_child(instance=extra)


def test_every_page_type_feed_and_calendar_stays_within_the_budget_at_any_size(client, language):
    before = {name: queries(client, url) for name, url in urls(language).items()}
    for name, count in before.items():
        assert count <= BUDGET, (name, count)
    grow(language)
    after = {name: queries(client, url) for name, url in urls(language).items()}
    assert after == before


def test_public_without_a_query_excludes_what_wagtails_public_excludes():
    """``home.pages.public`` (a subquery) agrees with Wagtail's ``public()`` (a query first)."""
    from wagtail.models import Page, PageViewRestriction

    from home.pages import public

    def same():
        assert set(public(Page.objects.all()).values_list("pk", flat=True)) == set(
            Page.objects.public().values_list("pk", flat=True)
        )

    same()
    project = ProjectPage.objects.get(locale__language_code="nb")
    PageViewRestriction.objects.create(page=project, restriction_type="password", password="x")
    same()
    assert not public(SeminarPage.objects.descendant_of(project)).exists()
    # Served pages learn in the same query that a restriction may apply to them.
    from home.pages import with_restriction_flag

    flags = dict(with_restriction_flag(Page.objects.all()).values_list("pk", "may_be_restricted"))
    assert flags[project.pk] and not flags[ProjectPage.objects.get(locale__language_code="pl").pk]


def test_the_home_page_shows_the_next_six_seminars_and_links_to_all(client, language):
    """No page grows without bound: the home page too, however many seminars are planned."""
    home = HomePage.objects.get(locale__language_code=language)
    index = ProjectIndexPage.objects.get(locale__language_code=language)
    grow(language)
    upcoming = SeminarPage.objects.filter(locale__language_code=language, end__gte=timezone.now())
    assert upcoming.count() > 6
    soup = BeautifulSoup(client.get(home.get_url()).content, "html.parser")
    section = soup.find(id="upcoming-heading").parent
    titles = [card.get_text(" ", strip=True) for card in section.select(".card-list > li h3")]
    assert titles == [s.title for s in upcoming.order_by("start")[:6]]
    assert section.select_one(".more a")["href"] == index.get_url()
