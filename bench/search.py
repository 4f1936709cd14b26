"""Search: query time (p50/p99) on a large generated site, in every language.

A benchmark prints figures; it asserts nothing. It runs against a throw-away
database, never the development db.sqlite3:

    .venv/bin/python bench/search.py [--rounds N]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/search.py

Without DATABASE_URL it uses a SQLite test database (the settings are pointed at
a temporary file first, so even a mistake cannot reach the project's
db.sqlite3); with DATABASE_URL it creates a database named ``bench_search_<pid>``
on that server and drops it at the end.

It loads the demo site, adds 200 seminars and 500 speakers in each of the four
languages (inserted in bulk, their texts taken from the demo's texts in that
language), rebuilds the search index with ``update_index`` (timed), then asks
the search page each query of ``QUERIES`` (base forms, inflected forms, two
words, a name, a word found nowhere) ``--rounds`` times and prints the
milliseconds of the whole request (search, ranking, highlighting, rendering).
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-search-')}/unused.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SEMINARS = 200
SPEAKERS = 500
QUERIES = {
    "pl": [
        "samorząd",
        "samorządów",
        "miasto",
        "kryzys",
        "odporność miast",
        "seminarium",
        "Torjussen",
        "xyzzy",
    ],
    "nb": ["by", "byene", "kommune", "krise", "beredskap kommuner", "seminar", "Torjussen", "xyzzy"],
    "is": [
        "sveitarfélag",
        "borg",
        "borgir",
        "viðbúnaður",
        "samstarf sveitarfélaga",
        "málþing",
        "Torjussen",
        "xyzzy",
    ],
    "en": ["city", "cities", "municipality", "crisis", "resilience cities", "seminar", "Torjussen", "xyzzy"],
}


def bulk_children(parent, pages):
    """Insert ``pages`` (unsaved, one model) as live children of ``parent`` in a few queries."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Page

    model = type(pages[0])
    last = parent.get_last_child()
    start = model._str2int(last.path[-model.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    for number, page in enumerate(pages):
        page.path = parent.path + model._int2str(start + number).rjust(model.steplen, "0")
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.first_published_at = page.last_published_at = now
    rows = Page.objects.bulk_create(
        [
            Page(
                **{f.attname: getattr(p, f.attname) for f in Page._meta.concrete_fields if f.attname != "id"}
            )
            for p in pages
        ],
        batch_size=500,
    )
    for page, row in zip(pages, rows, strict=True):
        page.page_ptr_id = page.id = row.id
    for batch in range(0, len(pages), 500):
        model._base_manager._insert(pages[batch : batch + 500], fields=model._meta.local_concrete_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))


def generate(language):
    """SEMINARS seminars and SPEAKERS speakers in ``language``, texts from the demo's in that language."""
    import datetime

    from django.utils import timezone

    from events.models import ProjectPage, SeminarPage, SpeakerIndexPage, SpeakerPage

    project = ProjectPage.objects.get(locale__language_code=language)
    speakers_index = SpeakerIndexPage.objects.get(locale__language_code=language)
    demo_seminar = SeminarPage.objects.get(locale__language_code=language)
    demo_speakers = list(SpeakerPage.objects.filter(locale__language_code=language))
    texts = [demo_seminar.summary, project.summary] + [s.job_title for s in demo_speakers]
    bios = [s.biography for s in demo_speakers if s.biography]
    words = " ".join(texts).split()
    start = timezone.now() - datetime.timedelta(days=400)
    seminars = [
        SeminarPage(
            title=" ".join(words[(n * 7) % (len(words) - 8) :][:6]) + f" {n}",
            slug=f"bench-seminar-{n}",
            theme=" ".join(words[(n * 3) % (len(words) - 5) :][:4]),
            summary=texts[n % len(texts)],
            start=start + datetime.timedelta(days=2 * n),
            end=start + datetime.timedelta(days=2 * n, hours=6),
        )
        for n in range(SEMINARS)
    ]
    bulk_children(project, seminars)
    speakers = [
        SpeakerPage(
            title=f"Bench Person {n}",
            slug=f"bench-person-{n}",
            family_name=f"Person{n}",
            job_title=texts[(n + 1) % len(texts)][:255],
            biography=bios[n % len(bios)],
        )
        for n in range(SPEAKERS)
    ]
    bulk_children(speakers_index, speakers)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main(rounds):
    from wagtail.models import Page

    from home.demo import loader

    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    loader.load()
    started = time.perf_counter()
    for language in QUERIES:
        generate(language)
    print(
        f"generated {SEMINARS} seminars and {SPEAKERS} speakers in each of {len(QUERIES)} languages "
        f"in {time.perf_counter() - started:.1f} s; {Page.objects.count()} pages in all"
    )
    started = time.perf_counter()
    call_command("update_index", stdout=io.StringIO())
    print(f"update_index: {time.perf_counter() - started:.1f} s\n")

    client = Client()
    header = f"{'lang':4} {'query':24} {'results':>7} {'queries':>7} {'p50 ms':>7} {'p99 ms':>7}"
    print(header)
    print("-" * len(header))
    every = []
    for language, queries in QUERIES.items():
        per_language = []
        for query in queries:
            timings = []
            for _ in range(rounds):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(f"/{language}/search/", {"q": query})
                    timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
            count = response.context["results"].page.paginator.count
            per_language += timings
            print(
                f"{language:4} {query:24} {count:>7} {len(captured):>7} "
                f"{statistics.median(timings):>7.1f} {percentile(timings, 0.99):>7.1f}"
            )
        every += per_language
        print(
            f"{language:4} {'(all queries)':24} {'':>7} {'':>7} "
            f"{statistics.median(per_language):>7.1f} {percentile(per_language, 0.99):>7.1f}"
        )
    print(
        f"{'all':4} {'(all languages)':24} {'':>7} {'':>7} "
        f"{statistics.median(every):>7.1f} {percentile(every, 0.99):>7.1f}"
    )


def run():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20, help="requests per query (default 20)")
    args = parser.parse_args()
    if connection.vendor == "postgresql":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"bench_search_{os.getpid()}"
    setup_test_environment()  # the test client then records each response's context
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        main(args.rounds)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    run()
