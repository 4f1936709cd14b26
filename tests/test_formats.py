"""Dates and times in the visitor's language, in the seminar's time zone; the 500 page without a database."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError
from django.test import Client
from django.utils import translation

from events.models import SeminarPage

pytestmark = pytest.mark.django_db

# 26 February 2025, 10:00–15:30 in Warsaw (CET), as each language writes it.
SEMINAR_DATES = {
    "pl": "26 lutego 2025",  # the month in the genitive case
    "nb": "26. februar 2025",
    "is": "26. febrúar 2025",
    "en": "26 February 2025",
}


def test_seminar_date_and_time_in_the_pages_language(client, language):
    seminar = SeminarPage.objects.get(locale__language_code=language)
    soup = BeautifulSoup(client.get(seminar.get_url()).content, "html.parser")
    text = soup.find("main").get_text(" ", strip=True)
    assert SEMINAR_DATES[language] in text
    assert "10:00" in text and "15:30" in text
    assert "CET" in text  # the seminar's zone, not the server's or the visitor's
    times = {t["datetime"] for t in soup.find("main").select("time[datetime]")}
    assert any(t.startswith("2025-02-26T10:00:00+01:00") for t in times), times


def test_a_seminar_in_summer_time_shows_its_own_zone(client):
    seminar = SeminarPage.objects.get(locale__language_code="en")
    seminar.start = seminar.start.replace(month=6)
    seminar.end = seminar.end.replace(month=6)
    seminar.time_zone = "Atlantic/Reykjavik"
    seminar.save()
    text = BeautifulSoup(client.get(seminar.get_url()).content, "html.parser").find("main").get_text(" ")
    # Stored as 09:00 UTC; Reykjavík keeps GMT all year (Warsaw would show 11:00 CEST).
    assert "26 June 2025, 09:00" in " ".join(text.split()) and "GMT" in text


def test_500_page_in_the_visitors_language(language):
    client = Client(raise_request_exception=False)
    with mock.patch("wagtail.models.Page.route_for_request", side_effect=RuntimeError("a bug")):
        response = client.get(f"/{language}/")
    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    with translation.override(language):
        assert translation.gettext("Something went wrong") in soup.get_text()


def test_503_page_in_the_visitors_language_when_the_database_is_down(language):
    client = Client(raise_request_exception=False)
    down = OperationalError("could not connect to server")
    with mock.patch("wagtail.models.Page.route_for_request", side_effect=down):
        response = client.get(f"/{language}/")
    assert response.status_code == 503 and response["Retry-After"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == language
    with translation.override(language):
        assert translation.gettext("The site is briefly unavailable") in soup.get_text()
