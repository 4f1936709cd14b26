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
# The time limits below are on the CPU time of the test's thread (the report's own work, the
# rows it builds): the suite runs on two workers beside browsers and servers, and a wall clock
# would measure the machine's load as well.
EXPORT_HEADINGS = [
    "Title",
    "Type",
    "Language",
    "State",
    "Strings translated",
    "Strings",
    "Machine-translated, unchecked",
    "Live",
    "Where to do the work",
]


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
        started = time.thread_time()
        with CaptureQueriesContext(connection) as large:
            rows = build_rows()
        elapsed = time.thread_time() - started
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

    def export_rows(self):
        """The report's rows for Norwegian, as the export shows them (the admin is in English)."""
        from django.utils import translation

        with translation.override("en"):
            return self._export_rows()

    def _export_rows(self):
        return [
            [
                r.title,
                r.type_label,
                r.language,
                str(r.state_label),
                r.translated,
                r.total,
                r.machine,
                str(r.live_label),
                r.action_url,
            ]
            for r in build_rows()
            if r.language == "nb"
        ]

    def test_csv_export_matches_the_report(self):
        import csv
        import io

        add_speakers(2)  # two rows in another state, with empty counts
        response = self.client.get(
            reverse("translations:status_report"), {"export": "csv", "language": "nb", "state": ""}
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        body = b"".join(response.streaming_content) if response.streaming else response.content
        table = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert table[0] == EXPORT_HEADINGS
        expected = [[("" if v is None else str(v)) for v in row] for row in self.export_rows()]
        assert table[1:] == expected
        assert any(row[3] == "Missing" and "/localize/submit/page/" in row[8] for row in table[1:])
        assert any(row[3] == "Up to date" and "/pages/" in row[8] for row in table[1:])

    def test_csv_export_neutralises_formulas(self):
        import csv
        import io

        index = SpeakerIndexPage.objects.get(locale__language_code="pl")
        index.add_child(instance=SpeakerPage(title='=HYPERLINK("http://x","y")', slug="f", family_name="F"))
        response = self.client.get(
            reverse("translations:status_report"), {"export": "csv", "language": "nb", "state": ""}
        )
        body = b"".join(response.streaming_content) if response.streaming else response.content
        titles = [row[0] for row in csv.reader(io.StringIO(body.decode("utf-8-sig")))]
        assert '\'=HYPERLINK("http://x","y")' in titles
        assert not any(title.startswith("=") for title in titles)

    def test_xlsx_export_matches_the_report(self):
        import io

        import openpyxl

        add_speakers(2)
        response = self.client.get(
            reverse("translations:status_report"), {"export": "xlsx", "language": "nb", "state": ""}
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        body = b"".join(response.streaming_content) if response.streaming else response.content
        sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
        table = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert table[0] == EXPORT_HEADINGS
        expected = [[("" if v is None else v) for v in row] for row in self.export_rows()]
        assert [[("" if v is None else v) for v in row] for row in table[1:]] == expected
        assert len(table) == 1 + len(expected)

    def test_exports_follow_the_filters(self):
        import csv
        import io

        add_speakers(3)
        response = self.client.get(
            reverse("translations:status_report"), {"export": "csv", "state": MISSING, "language": "is"}
        )
        body = b"".join(response.streaming_content) if response.streaming else response.content
        table = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert [row[0] for row in table[1:]] == ["Osoba 0", "Osoba 1", "Osoba 2"]
        assert {(row[2], row[3]) for row in table[1:]} == {("is", "Missing")}

    def test_the_report_page_with_2000_pages(self):
        """6,000 rows (2,000 pages x 3 languages) on pages of 50, in a bounded number of queries."""
        from .translation_helpers import bulk_add_speakers

        url = reverse("translations:status_report")
        with CaptureQueriesContext(connection) as small:
            assert self.client.get(url).status_code == 200
        bulk_add_speakers(2000)
        missing = [r for r in build_rows() if r.state == MISSING]
        assert len(missing) == 2000 * 3
        started = time.thread_time()
        with CaptureQueriesContext(connection) as large:
            response = self.client.get(url, {"state": MISSING})
        elapsed = time.thread_time() - started
        assert response.status_code == 200
        assert len(large) <= len(small) + 5, (len(small), len(large))
        assert elapsed < 10, elapsed
        assert response.context["paginator"].num_pages == 6000 // 50
        assert len(response.context["object_list"]) == 50
        self.assertContains(response, "Osoba 0")
        self.assertNotContains(response, "Osoba 1999")
        last = self.client.get(url, {"state": MISSING, "p": 120})
        assert last.status_code == 200
        assert len(last.context["object_list"]) == 50
        self.assertContains(last, "Osoba 1999")

    def test_bad_page_numbers_fall_back_to_the_first_or_the_last_page(self):
        """The report's paging, on 60 pages x 3 languages (each request builds every row: with the
        2,000 pages above each would cost seconds)."""
        from .translation_helpers import bulk_add_speakers

        url = reverse("translations:status_report")
        bulk_add_speakers(60)
        # 180 rows on pages of 50: the last page is the 4th, with 30 rows.
        last = self.client.get(url, {"state": MISSING, "p": 4})
        assert last.context["paginator"].num_pages == 4
        assert len(last.context["object_list"]) == 30
        self.assertContains(last, "Osoba 59")
        for value, number in [("abc", 1), ("999999", 4), ("-1", 4), ("0", 4), ("", 1)]:
            response = self.client.get(url, {"state": MISSING, "p": value})
            assert response.status_code == 200, value
            assert response.context["page_obj"].number == number, value
        # ?page= is not the report's parameter: it is ignored, never an error.
        assert self.client.get(url, {"state": MISSING, "page": "abc"}).status_code == 200
        # The results-only view (used by the filters) pages the same way.
        results = reverse("translations:status_report_results")
        second = self.client.get(results, {"state": MISSING, "p": 2})
        assert second.status_code == 200 and len(second.context["object_list"]) == 50
        assert self.client.get(results, {"state": MISSING, "p": "999999"}).context["page_obj"].number == 4

    def test_the_report_is_in_the_reports_menu(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, reverse("translations:status_report"))


class WorkQueueTests(TestCase):
    """Without a choice the report is a work queue: the user's languages, and only what is left to do."""

    def setUp(self):
        self.client.force_login(make_user("nora", "nb"))

    def rows(self, **params):
        import csv
        import io

        response = self.client.get(reverse("translations:status_report"), {"export": "csv", **params})
        body = b"".join(response.streaming_content)
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]

    def test_open_work_by_default(self):
        from wagtail.models import Locale

        add_speakers(2)  # not sent for translation: nothing a translator can act on
        sent = SpeakerPage.objects.filter(locale__language_code="pl", slug__startswith="osoba").first()
        editor = self.client_class()
        editor.force_login(make_user("ewa", "pl"))
        submit = reverse("wagtail_localize:submit_page_translation", args=[sent.pk])
        editor.post(submit, {"locales": [Locale.objects.get(language_code="nb").pk]})

        default = self.rows()
        assert [(row[0], row[2], row[3]) for row in default] == [(sent.title, "nb", "Missing")]
        everything = self.rows(state="")
        assert {row[3] for row in everything} == {"Missing", "Up to date"}
        assert all(row[2] == "nb" for row in everything)

    def test_the_report_table_keeps_titles_on_whole_words(self):
        html = self.client.get(reverse("translations:status_report"), {"state": ""}).content.decode()
        assert 'class="listing translations-status"' in html
        assert "translations/admin.css" in html
