"""The translation status report: bounded queries, filters, bad query strings, exports."""

import time

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import SpeakerIndexPage, SpeakerPage
from translations.report import MISSING, UP_TO_DATE, build_rows

from .translation_helpers import make_user

MAX_QUERIES = 15


def add_speakers(count):
    index = SpeakerIndexPage.objects.get(locale__language_code="pl")
    for number in range(count):
        index.add_child(
            instance=SpeakerPage(title=f"Osoba {number}", slug=f"osoba-{number}", family_name="Nowak")
        )


class ReportTests(TestCase):
    def setUp(self):
        self.client.force_login(make_user("ewa", "pl"))

    def test_demo_is_up_to_date_everywhere(self):
        rows = build_rows()
        assert rows and {r.state for r in rows} == {UP_TO_DATE}
        assert {r.language for r in rows} == {"nb", "is", "en"}
        assert {r.type_key for r in rows} >= {"events.speakerpage", "events.organisation", "home.homepage"}

    def test_bounded_queries_with_200_pages_in_4_languages(self):
        with CaptureQueriesContext(connection) as small:
            build_rows()
        add_speakers(200)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as large:
            rows = build_rows()
        elapsed = time.perf_counter() - started
        assert len([r for r in rows if r.state == MISSING]) == 200 * 3
        assert len(large) == len(small) <= MAX_QUERIES, [q["sql"][:120] for q in large.captured_queries]
        assert elapsed < 5
        with CaptureQueriesContext(connection) as view:
            response = self.client.get(reverse("translations:status_report"), {"state": MISSING})
        assert response.status_code == 200
        assert len(view) <= MAX_QUERIES + 25, len(view)
        self.assertContains(response, "Osoba")

    def test_bad_query_strings_never_fail(self):
        for params in [
            {"state": "bogus"},
            {"language": "xx"},
            {"type": "auth.user"},
            {"p": "999"},
            {"p": "abc"},
        ]:
            response = self.client.get(reverse("translations:status_report"), params)
            assert response.status_code == 200, params

    def test_exports(self):
        csv = self.client.get(reverse("translations:status_report"), {"export": "csv", "language": "nb"})
        assert csv.status_code == 200
        text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
        assert text.splitlines()[0].split(",")[0] in ("Title", "Tytuł")
        assert len(text.splitlines()) == 1 + len([r for r in build_rows() if r.language == "nb"])
        xlsx = self.client.get(reverse("translations:status_report"), {"export": "xlsx"})
        assert xlsx.status_code == 200
        assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")

    def test_the_report_is_in_the_reports_menu(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, reverse("translations:status_report"))
