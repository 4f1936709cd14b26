"""Print the SQL queries and render time of every public page in every language.

A baseline for the query budget per page. Runs on a throw-away SQLite
database (or the PostgreSQL server of DATABASE_URL, in a test database that is
dropped afterwards) with the demo content; it never touches db.sqlite3.

    .venv/bin/python bench/pages.py [--repeat N]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SPECIAL_PATHS = ["/sitemap.xml", "/pl/feeds/seminars.atom", "/en/search/?q=seminar", "/nb/no-such-page/"]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="renders per page (median is printed)")
    args = parser.parse_args()

    setup_test_environment()
    old_config = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from home.demo import loader

        loader.load()
        from wagtail.models import Page

        client = Client()
        paths = [p.get_url() for p in Page.objects.live().filter(depth__gt=1).order_by("locale_id", "path")]
        print(f"{'path':78} {'status':>6} {'queries':>7} {'median ms':>9}")
        for path in paths + SPECIAL_PATHS:
            timings = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(path)
                    timings.append((time.perf_counter() - start) * 1000)
            median = statistics.median(timings)
            print(f"{path[:78]:78} {response.status_code:>6} {len(queries):>7} {median:>9.1f}")
    finally:
        connection.creation.destroy_test_db(old_config, verbosity=0)


if __name__ == "__main__":
    main()
