"""ASCII page addresses in every language, without losing letters."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation

from events.models import SpeakerIndexPage, SpeakerPage
from home.slugs import ascii_slug

from .admin_forms import speaker_form
from .translation_helpers import make_user, put_string, translation_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Odporność gmin i współpraca", "odpornosc-gmin-i-wspolpraca"),
        ("Bærekraft og beredskap på Østlandet", "baerekraft-og-beredskap-pa-ostlandet"),
        ("Þýðing á íslensku: viðbúnaður", "thyding-a-islensku-vidbunadur"),
        ("Łódź", "lodz"),
    ],
)
def test_ascii_slug_keeps_every_letter_readable(text, slug):
    assert ascii_slug(text) == slug


def test_the_page_form_refuses_a_non_ascii_slug_with_a_message():
    index = SpeakerIndexPage.objects.get(locale__language_code="pl")
    client = Client()
    client.force_login(make_user("ewa", "pl"))
    url = reverse("wagtailadmin_pages:add", args=["events", "speakerpage", index.pk])
    response = client.post(url, speaker_form(title="Łukasz Żółć", slug="łukasz-żółć"))
    assert response.status_code == 200
    assert not SpeakerPage.objects.filter(title="Łukasz Żółć").exists()
    assert "“lukasz-zolc”" in response.context["form"].errors["slug"][0]


def test_a_translated_slug_becomes_ascii_without_losing_letters(django_capture_on_commit_callbacks):
    page = SpeakerPage.objects.filter(locale__language_code="pl", live=True).first()
    translation = translation_for(page, "nb")
    segment = StringSegment.objects.get(source=translation.source, context__path="slug")
    client = Client()
    client.force_login(make_user("nora", "nb"))
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    assert put_string(client, url, "Bærekraft på Østlandet").status_code == 200
    stored = StringTranslation.objects.get(translation_of=segment.string, locale__language_code="nb")
    assert stored.data == "baerekraft-pa-ostlandet"
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    nb_page = SpeakerPage.objects.get(translation_key=page.translation_key, locale__language_code="nb")
    assert nb_page.slug == "baerekraft-pa-ostlandet"
