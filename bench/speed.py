"""The site under load: requests/s, p50 and p99 of each page type in each language, cached and uncached.

One command, on this machine only (loopback), never part of ``make test``:

    .venv/bin/python bench/speed.py [--duration 5] [--connections 8] [--pg postgres://postgres@127.0.0.1:5432]
                                   [--redis redis://127.0.0.1:6379/1] [--port 8101]

What it does, printing figures and asserting nothing:

1. Creates the PostgreSQL database ``perf_bench`` (dropped first if it is there), migrates it,
   loads the demo and adds a large generated site: 200 seminars and 500 speakers in each of the
   four languages (``bench/search.py``'s generator), the seminars' talks given by those speakers.
2. In that process (production settings): SQL queries of each page (uncached), the time to
   sync one seminar into three languages (``translations.services.sync_translations``), and the
   time and peak Python memory (tracemalloc) to build the sitemap of the large site.
3. Starts gunicorn (2 sync workers, the production settings, Redis database of ``--redis``) and
   drives it with ``wrk`` (Debian's package; installed when missing) with 8 connections: a
   static CSS file (WhiteNoise, the upper bound), then the home, project index, project,
   seminar, speaker index and speaker page in each language, first with the page cache
   (``cached``: every request after the first is a hit), then with a server started with
   ``PAGE_CACHE=0`` (``uncached``: every request renders). Each figure is also given as a
   ratio to the static file's requests/s of the same run. Requests ask for gzip, as browsers do.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "perf_bench"
PAGES = ["home", "project index", "project", "seminar", "speaker index", "speaker"]
LANGUAGES = ["pl", "nb", "is", "en"]

# Run inside the prepared database with the production settings (step 2).
MEASURE = r"""
import json, time, tracemalloc, datetime
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
from events.models import (ProjectIndexPage, ProjectPage, SeminarPage, SeminarTalk, SpeakerIndexPage,
                           SpeakerPage)
from home.models import HomePage
from home import sitemaps
from translations.services import sync_translations
import importlib.util
_spec = importlib.util.spec_from_file_location("bench_search", "bench/search.py")
generator = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generator)

out = {}
if not SeminarPage.objects.filter(slug="bench-seminar-0").exists():
    for code in ["pl", "nb", "is", "en"]:
        generator.generate(code)
        # Each generated seminar gets two talks by generated speakers of its language.
        seminars = list(SeminarPage.objects.filter(locale__language_code=code, slug__startswith="bench-"))
        people = list(SpeakerPage.objects.filter(locale__language_code=code, slug__startswith="bench-"))
        SeminarTalk.objects.bulk_create([
            SeminarTalk(page=s, title=f"Talk {n}-{k}", speaker=people[(2 * n + k) % len(people)],
                        language=code, locale_id=s.locale_id, sort_order=k)
            for n, s in enumerate(seminars) for k in range(2)
        ])
    # Statistics for the planner, as autovacuum keeps them on any database in use.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

def urls(code):
    tree = {"locale__language_code": code}
    demo = SeminarPage.objects.filter(**tree).exclude(slug__startswith="bench-").first()
    speaker = SpeakerPage.objects.filter(**tree).exclude(slug__startswith="bench-").first()
    return {
        "home": HomePage.objects.get(**tree).get_url(),
        "project index": ProjectIndexPage.objects.get(**tree).get_url(),
        "project": ProjectPage.objects.get(**tree).get_url(),
        "seminar": demo.get_url(),
        "speaker index": SpeakerIndexPage.objects.get(**tree).get_url(),
        "speaker": speaker.get_url(),
        "atom feed": f"/{code}/feeds/seminars.atom",
        "calendar feed": f"/{code}/calendar/seminars.ics",
    }

client = Client(HTTP_HOST="127.0.0.1")
out["urls"] = {code: urls(code) for code in ["pl", "nb", "is", "en"]}
out["queries"] = {}
for code, pages in out["urls"].items():
    for name, url in pages.items():
        client.get(url)
        with CaptureQueriesContext(connection) as q:
            status = client.get(url).status_code
        out["queries"][f"{code} {name}"] = (len(q), status)

User = get_user_model()
user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
    "bench", "bench@example.org", "bench-only-password")
seminar = SeminarPage.objects.get(locale__language_code="pl", slug__startswith="odpornosc")
seminar.title = seminar.title + " (bench)"
seminar.save_revision(user=user).publish(user=user)
source = TranslationSource.objects.get_for_instance(seminar)
start = time.perf_counter()
result = sync_translations(source, user)
out["sync"] = (time.perf_counter() - start, [l.language_code for l in result.published + result.drafts])

from django.test import RequestFactory
request = RequestFactory().get("/sitemap.xml", HTTP_HOST="127.0.0.1")
timings = []
for _ in range(3):
    start = time.perf_counter()
    response = sitemaps.sitemap(request)
    response.render() if hasattr(response, "render") else None
    timings.append(time.perf_counter() - start)
elapsed = sorted(timings)[1]  # the median of three
tracemalloc.start()  # a separate run: tracing slows Python down
response = sitemaps.sitemap(request)
response.render() if hasattr(response, "render") else None
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
out["sitemap"] = (elapsed, peak, len(response.content), Page.objects.live().filter(depth__gt=1).count())
print("BENCH-RESULT " + json.dumps(out))
"""


def environment(args, media, static):
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PAGE_CACHE"))},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"{args.pg.rstrip('/')}/{DATABASE}",
        "REDIS_URL": args.redis,
        "SECURE_SSL_REDIRECT": "0",
        "MEDIA_ROOT": media,
        "STATIC_ROOT": static,
        "LOG_LEVEL": "ERROR",
    }


def run(command, env, **kwargs):
    return subprocess.run(command, cwd=ROOT, env=env, check=True, **kwargs)


def prepare(args, env):
    import psycopg2

    admin = psycopg2.connect(f"{args.pg.rstrip('/')}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
    admin.close()
    import redis

    redis.Redis.from_url(args.redis).flushdb()
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "load_demo"], env, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "compilemessages", "--ignore=.venv", "-v0"], env)
    started = time.perf_counter()
    output = run(
        [PYTHON, "manage.py", "shell", "-c", MEASURE],
        {**env, "PAGE_CACHE": "0"},
        capture_output=True,
        text=True,
    ).stdout
    import json

    line = next(line for line in output.splitlines() if line.startswith("BENCH-RESULT "))
    result = json.loads(line[len("BENCH-RESULT ") :])
    result["prepare_seconds"] = time.perf_counter() - started
    return result


def serve(args, env, page_cache):
    process = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "PAGE_CACHE": "1" if page_cache else "0"},
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}/robots.txt", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise SystemExit("gunicorn did not start")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def load(args, path):
    """``(requests/s, p50 ms, p99 ms, non-2xx/3xx)`` of ``path`` under wrk."""
    url = f"http://127.0.0.1:{args.port}{path}"
    urllib.request.urlopen(url, timeout=30).read()  # warm: the page cache, renditions, workers
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = milliseconds(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = milliseconds(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per address")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/1")
    parser.add_argument("--port", type=int, default=8101)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        subprocess.run([str(ROOT / "scripts" / "ensure-system-packages.sh"), "wrk"], check=True)

    media, static = tempfile.mkdtemp(prefix="perf-media-"), tempfile.mkdtemp(prefix="perf-static-")
    env = environment(args, media, static)
    result = prepare(args, env)
    print(
        f"Prepared in {result['prepare_seconds']:.0f} s (demo + 200 seminars and 500 speakers a language)\n"
    )

    print("SQL queries per page (uncached render, large site)")
    for key, (count, status) in result["queries"].items():
        print(f"  {key:22} {count:3d}  (HTTP {status})")
    seconds, languages = result["sync"]
    print(
        f"\nSync of one seminar into {len(languages)} languages ({', '.join(languages)}): "
        f"{seconds * 1000:.0f} ms"
    )
    elapsed, peak, size, pages = result["sitemap"]
    print(
        f"Sitemap of {pages} pages: {elapsed * 1000:.0f} ms, peak Python memory {peak / 2**20:.1f} MiB, "
        f"{size / 2**20:.1f} MiB of XML\n"
    )

    figures = {}
    for mode in ("cached", "uncached"):
        process = serve(args, env, page_cache=mode == "cached")
        try:
            home = urllib.request.urlopen(f"http://127.0.0.1:{args.port}/pl/", timeout=30).read().decode()
            css = re.search(r'href="(/static/css/site[^"]*\.css)"', home).group(1)
            figures[(mode, "static")] = load(args, css)
            for code in LANGUAGES:
                for name in PAGES:
                    figures[(mode, f"{code} {name}")] = load(args, result["urls"][code][name])
        finally:
            stop(process)

    print(
        f"wrk, {args.connections} connections, {args.duration} s each, "
        "gunicorn 2 sync workers, production settings"
    )
    print(
        f"{'':24} {'cached req/s':>12} {'p50':>7} {'p99':>7} {'ratio':>6}   "
        f"{'uncached req/s':>14} {'p50':>7} {'p99':>7} {'ratio':>6}"
    )
    for key in ["static"] + [f"{code} {name}" for code in LANGUAGES for name in PAGES]:
        cells = []
        for mode in ("cached", "uncached"):
            rps, p50, p99, errors = figures[(mode, key)]
            static = figures[(mode, "static")][0]
            flag = f" ({errors} errors)" if errors else ""
            cells.append(f"{rps:>12.0f} {p50:>6.1f}ms {p99:>6.1f}ms {rps / static:>6.1%}{flag}")
        print(f"{key:24} {cells[0]}   {cells[1]:>14}")
    for mode in ("cached", "uncached"):
        ratios = sorted(
            figures[k][0] / figures[(mode, "static")][0] for k in figures if k[0] == mode and k[1] != "static"
        )
        p99s = [figures[k][2] for k in figures if k[0] == mode and k[1] != "static"]
        print(
            f"{mode}: median ratio {ratios[len(ratios) // 2]:.1%} (min {ratios[0]:.1%}), "
            f"worst p99 {max(p99s):.1f} ms"
        )
    shutil.rmtree(media, ignore_errors=True)
    shutil.rmtree(static, ignore_errors=True)


if __name__ == "__main__":
    main()
