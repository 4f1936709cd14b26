"""Tree rules and the admin's create form for each page type."""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from events.models import (
    ProjectIndexPage,
    ProjectPage,
    SeminarPage,
    SpeakerIndexPage,
    SpeakerPage,
)
from home.models import AccessibilityStatementPage, HomePage

from .admin_forms import seminar_form, speaker_form


class TreeRulesTests(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage, {ProjectIndexPage, SpeakerIndexPage, AccessibilityStatementPage}
        )

    def test_projects_and_seminars(self):
        self.assertAllowedParentPageTypes(ProjectIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProjectIndexPage, {ProjectPage})
        self.assertAllowedParentPageTypes(ProjectPage, {ProjectIndexPage})
        self.assertAllowedSubpageTypes(ProjectPage, {SeminarPage})
        self.assertAllowedParentPageTypes(SeminarPage, {ProjectPage})
        self.assertAllowedSubpageTypes(SeminarPage, set())

    def test_speakers(self):
        self.assertAllowedParentPageTypes(SpeakerIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(SpeakerIndexPage, {SpeakerPage})
        self.assertAllowedParentPageTypes(SpeakerPage, {SpeakerIndexPage})
        self.assertAllowedSubpageTypes(SpeakerPage, set())

    def test_a_seminar_cannot_go_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, SeminarPage)
        self.assertCanNotCreateAt(SpeakerIndexPage, SeminarPage)


class SeminarAdminFormTests(WagtailPageTestCase):
    """Editors enter a seminar's times in the seminar's time zone, whatever their own."""

    def setUp(self):
        self.user = get_user_model().objects.create_superuser("editor", password="pw")
        self.client.force_login(self.user)
        self.project = ProjectPage.objects.get(locale__language_code="pl")
        self.speaker = SpeakerPage.objects.filter(locale__language_code="pl").first()

    def form_data(self, **overrides):
        talk = {
            "start_time": "10:15",
            "title": "Wystąpienie",
            "speaker": self.speaker.pk,
            "role": "presenter",
            "language": "nb",
            "presentation": "",
        }
        fields = {
            "title": "Seminarium w Oslo",
            "slug": "seminarium-w-oslo",
            "start": "2025-03-30 10:00",  # the day Europe moves its clocks forward
            "end": "2025-03-30 14:00",
            "time_zone": "Europe/Oslo",
            "venue_name": "Oslo rådhus",
            "venue_city": "Oslo",
            "venue_country": "NO",
        }
        return seminar_form(talks=[talk], **{**fields, **overrides})

    def test_times_are_read_in_the_seminars_time_zone(self):
        self.assertCanCreate(self.project, SeminarPage, self.form_data())
        seminar = SeminarPage.objects.get(slug="seminarium-w-oslo")
        oslo = zoneinfo.ZoneInfo("Europe/Oslo")
        assert seminar.start == datetime.datetime(2025, 3, 30, 10, 0, tzinfo=oslo)
        # Stored in UTC: 10:00 CEST is 08:00 UTC after the clock change.
        assert seminar.start.astimezone(datetime.UTC).hour == 8
        assert seminar.talks.get().speaker_id == self.speaker.pk

    def test_times_in_a_zone_with_another_offset_than_the_sites(self):
        """Reykjavík is UTC+0 all year: a form read in the site's zone (Warsaw) would store 08:00 UTC.

        (Oslo and Warsaw share their offsets, so the test above cannot tell the zones apart.)
        """
        data = self.form_data(time_zone="Atlantic/Reykjavik", slug="seminarium-w-reykjaviku")
        self.assertCanCreate(self.project, SeminarPage, data)
        seminar = SeminarPage.objects.get(slug="seminarium-w-reykjaviku")
        assert seminar.start.astimezone(datetime.UTC).hour == 10
        assert seminar.end.astimezone(datetime.UTC).hour == 14

    def test_edit_form_shows_times_in_the_seminars_time_zone(self):
        seminar = SeminarPage.objects.get(locale__language_code="pl")
        response = self.client.get(f"/admin/pages/{seminar.pk}/edit/")
        assert response.status_code == 200
        # 10:00 in Warsaw, stored as 09:00 UTC.
        assert seminar.start.astimezone(datetime.UTC).hour == 9
        self.assertContains(response, 'value="2025-02-26 10:00"')

    def test_end_before_start_is_refused_with_a_message(self):
        url = f"/admin/pages/add/events/seminarpage/{self.project.pk}/"
        data = self.form_data(end="2025-03-30 09:00")
        response = self.client.post(url, data)
        assert response.status_code == 200
        assert not SeminarPage.objects.filter(slug="seminarium-w-oslo").exists()
        with translation.override("pl"):  # the admin's language for a user without a preference
            message = translation.gettext("The seminar cannot end before it starts.")
        assert message != "The seminar cannot end before it starts."
        self.assertContains(response, message)

    def test_speaker_page_is_created_from_the_admin(self):
        index = SpeakerIndexPage.objects.get(locale__language_code="pl")
        self.assertCanCreate(
            index,
            SpeakerPage,
            speaker_form(biography="<p>Burmistrz.</p>"),
        )
