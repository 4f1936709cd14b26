"""The seminar's admin form: status and the recording's subtitle languages."""

from django.contrib.auth import get_user_model
from wagtail.test.utils import WagtailPageTestCase

from events.models import ProjectPage, SeminarPage

from .admin_forms import seminar_form


class SeminarStatusAndSubtitlesTests(WagtailPageTestCase):
    def setUp(self):
        self.user = get_user_model().objects.create_superuser("editor", password="pw")
        self.client.force_login(self.user)
        self.project = ProjectPage.objects.get(locale__language_code="pl")

    def form_data(self, **overrides):
        fields = {
            "title": "Seminarium online",
            "slug": "seminarium-online",
            "online": "on",
            "video_url": "https://youtu.be/dQw4w9WgXcQ",
            "video_language": "pl",
        }
        return seminar_form(**{**fields, **overrides})

    def test_status_and_subtitles_are_saved(self):
        data = self.form_data(status="postponed")
        data["video_subtitle_languages"] = ["en", "pl"]  # two check boxes ticked
        self.assertCanCreate(self.project, SeminarPage, data)
        seminar = SeminarPage.objects.get(slug="seminarium-online")
        assert seminar.status == "postponed"
        assert seminar.video_subtitle_languages == "pl,en"

    def test_without_status_the_seminar_is_scheduled(self):
        self.assertCanCreate(self.project, SeminarPage, self.form_data())
        seminar = SeminarPage.objects.get(slug="seminarium-online")
        assert seminar.status == "scheduled"
        assert seminar.video_subtitle_languages == ""

    def test_edit_form_shows_the_subtitle_check_boxes(self):
        seminar = SeminarPage.objects.get(locale__language_code="pl")
        seminar.video_subtitle_languages = "en"
        seminar.save_revision().publish()
        response = self.client.get(f"/admin/pages/{seminar.pk}/edit/")
        assert response.status_code == 200
        self.assertContains(
            response, 'type="checkbox" name="video_subtitle_languages" value="en"', html=False
        )
        html = response.content.decode()
        checked = html.split('name="video_subtitle_languages" value="en"')[1].split(">")[0]
        assert "checked" in checked


def test_the_speaker_chooser_opens_in_the_polish_speakers_index(admin_client):
    """A new talk's speaker chooser opens where the Polish speakers live, not at the root of four trees."""
    import json
    import re

    from events.models import SeminarPage, SpeakerIndexPage

    seminar = SeminarPage.objects.get(locale__language_code="pl")
    html = admin_client.get(f"/admin/pages/{seminar.pk}/edit/").content.decode()
    found = re.findall(r"new PageChooser\(\\?\"id_talks-__prefix__-speaker\\?\", (\{.*?\})\);", html)
    assert found, "no chooser for a new talk's speaker"
    options = json.loads(found[0].replace('\\"', '"'))
    assert options["parentId"] == SpeakerIndexPage.objects.get(locale__language_code="pl").pk


def test_the_organisation_chooser_opens_on_the_polish_organisations(admin_client):
    """Not on every language's version of every organisation (four of each)."""
    import json
    import re

    from events.models import Organisation, ProjectPage

    project = ProjectPage.objects.get(locale__language_code="pl")
    html = admin_client.get(f"/admin/pages/{project.pk}/edit/").content.decode()
    found = re.findall(
        r"new SnippetChooser\(\\?\"id_partners-__prefix__-organisation\\?\", (\{.*?\})\);", html
    )
    assert found, "no chooser for a new partner's organisation"
    modal_url = json.loads(found[0].replace('\\"', '"'))["modalUrl"]
    assert modal_url.endswith("?locale=pl")
    listing = admin_client.get(modal_url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").json()["html"]
    polish = Organisation.objects.filter(locale__language_code="pl")
    norwegian = Organisation.objects.filter(locale__language_code="nb").exclude(
        name__in=polish.values("name")
    )
    assert all(o.name in listing for o in polish)
    assert not any(o.name in listing for o in norwegian)
