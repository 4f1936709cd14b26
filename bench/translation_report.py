"""Translation status report: rows, SQL queries and milliseconds with 200 and 2,000 Polish pages.

A benchmark prints figures; it asserts nothing. It runs against a throw-away
database, never the development db.sqlite3:

    DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python bench/translation_report.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python bench/translation_report.py

Without DATABASE_URL it uses an in-memory SQLite test database (the settings
are pointed at a temporary file first, so even a mistake cannot reach the
project's db.sqlite3). With DATABASE_URL it creates a database named
``bench_report_<pid>`` on that server and drops it at the end.

For each size it loads the demo site, adds pages (the first 200 with
treebeard's ``add_child``, as the admin does, the rest in bulk) and measures
``build_rows()``, the report page (first and last page of 50 rows) and the CSV
export, each the best of three runs.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-report-')}/unused.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

SIZES = [200, 2000]
REPEAT = 3


def measure(function):
    """(result, queries, best milliseconds) of ``function`` over REPEAT runs."""
    best = None
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = function()
            elapsed = (time.perf_counter() - started) * 1000
        best = elapsed if best is None else min(best, elapsed)
    return result, len(queries), best


def add_pages_with_add_child(count):
    from events.models import SpeakerIndexPage, SpeakerPage

    index = SpeakerIndexPage.objects.get(locale__language_code="pl")
    for number in range(count):
        index.add_child(
            instance=SpeakerPage(title=f"Osoba {number}", slug=f"osoba-{number}", family_name="Nowak")
        )


def main():
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from home.demo import loader
    from tests.translation_helpers import bulk_add_speakers
    from translations.report import build_rows

    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    started = time.perf_counter()
    loader.load()
    print(f"demo site loaded in {(time.perf_counter() - started) * 1000:.0f} ms")
    user = get_user_model().objects.create_superuser("bench", password="bench")
    client = Client()
    client.force_login(user)
    url = reverse("translations:status_report")

    polish_pages = Page.objects.filter(locale__language_code="pl", depth__gt=1).count()
    print(f"demo: {polish_pages} Polish pages\n")
    header = (
        f"{'pages':>6} {'rows':>6} | {'build_rows q':>12} {'ms':>7} | {'report p1 q':>11} {'ms':>7} | "
        f"{'last page q':>11} {'ms':>7} | {'csv q':>5} {'ms':>7}"
    )
    print(header)
    print("-" * len(header))
    added = 0
    for size in SIZES:
        new = size - added
        started = time.perf_counter()
        if added == 0:
            add_pages_with_add_child(size)
            how = "add_child"
        else:
            bulk_add_speakers(size - added, prefix="Masowo")
            how = "bulk"
        creation = (time.perf_counter() - started) * 1000
        added = size

        rows, rows_queries, rows_ms = measure(build_rows)
        first, first_queries, first_ms = measure(lambda: client.get(url))
        pages = first.context["paginator"].num_pages if first.context else "?"
        last, last_queries, last_ms = measure(lambda pages=pages: client.get(url, {"p": pages}))
        csv, csv_queries, csv_ms = measure(
            lambda: b"".join(client.get(url, {"export": "csv"}).streaming_content)
        )
        assert first.status_code == last.status_code == 200
        print(
            f"{size:>6} {len(rows):>6} | {rows_queries:>12} {rows_ms:>7.0f} | "
            f"{first_queries:>11} {first_ms:>7.0f} | {last_queries:>11} {last_ms:>7.0f} | "
            f"{csv_queries:>5} {csv_ms:>7.0f}"
            f"   ({pages} report pages of 50; {new} pages added with {how} in {creation:.0f} ms; "
            f"csv {len(csv) // 1024} KiB)"
        )


def run():
    if connection.vendor == "postgresql":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"bench_report_{os.getpid()}"
    setup_test_environment()  # the test client then records each response's context
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        main()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    run()
