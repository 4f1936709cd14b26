"""Lighthouse 12 (mobile settings) on each page type in each language: the four scores.

    make serve &                                  # the site as production runs it (or make run)
    .venv/bin/python bench/lighthouse.py          # every page type, every language
    .venv/bin/python bench/lighthouse.py --languages pl --types seminar --base-url http://127.0.0.1:8001

Lighthouse is the npm package pinned in bench/lighthouse/package.json (12.2.3), installed there
on first use with ``npm ci --ignore-scripts``; it drives Debian's chromium (CHROME_PATH, never a
downloaded browser) with its default mobile settings (Moto G Power screen, simulated slow 4G and
4× CPU slowdown). The page addresses come from the database the server uses, as for
bench/screenshots.py. ``--markdown`` prints the table for the README. A run that fails prints
Lighthouse's error code (e.g. NO_NAVSTART) instead of the scores.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

LIGHTHOUSE_DIR = HERE / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Lighthouse now and then loses the trace of a page load (NO_NAVSTART: no navigationStart event of
# the main frame in the trace); seen on any page type about once in ten runs on a loaded machine.
# Such a run measures nothing: it is repeated, and the retries are reported on stderr.
RETRIED = {"NO_NAVSTART", "NO_TRACING_STARTED", "NO_FCP"}
ATTEMPTS = 3
DEFAULT_TYPES = ["home", "projects", "project", "seminar", "speakers", "speaker", "accessibility", "search"]


def ensure_lighthouse():
    if not LIGHTHOUSE.exists():
        print("Installing Lighthouse (bench/lighthouse, npm ci) ...", file=sys.stderr)
        subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"],
            cwd=LIGHTHOUSE_DIR,
            check=True,
        )


def audit(url, chromium):
    """{category: score 0–100} for one page, or {"error": code}."""
    with tempfile.TemporaryDirectory() as tmp:
        # A file, not stdout: after a runtime error Lighthouse exits before a pipe is drained.
        report_path = Path(tmp) / "report.json"
        result = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report_path}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={' '.join(CHROME_FLAGS)}",
                "--max-wait-for-load=60000",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "CHROME_PATH": chromium},
            timeout=300,
        )
        if not report_path.exists():
            return {"error": (result.stderr.strip().splitlines() or ["no report"])[-1][:120]}
        report = json.loads(report_path.read_text())
    if report.get("runtimeError"):
        return {"error": report["runtimeError"].get("code", "runtime error")}
    return {
        category: "–"
        if report["categories"][category]["score"] is None
        else round(report["categories"][category]["score"] * 100)
        for category in CATEGORIES
    }


def main():
    import django

    django.setup()
    from django.conf import settings
    from screenshots import page_paths

    languages = [code for code, _name in settings.LANGUAGES]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("BASE_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--languages", nargs="+", default=languages, choices=languages)
    parser.add_argument("--types", nargs="+", default=DEFAULT_TYPES)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    ensure_lighthouse()
    rows = []
    header = ["page", "language", "performance", "accessibility", "best practices", "SEO"]
    if not args.markdown:
        print("  ".join(f"{h:>14}" for h in header))
    for language in args.languages:
        paths = page_paths(language)
        for name in args.types:
            if name not in paths:
                continue
            for attempt in range(1, ATTEMPTS + 1):
                scores = audit(args.base_url.rstrip("/") + paths[name], chromium)
                if scores.get("error") not in RETRIED:
                    break
                print(f"    {name} ({language}): {scores['error']}, attempt {attempt}", file=sys.stderr)
            row = [name, language] + (
                [scores["error"], "", "", ""] if "error" in scores else [str(scores[c]) for c in CATEGORIES]
            )
            rows.append(row)
            if not args.markdown:
                print("  ".join(f"{cell:>14}" for cell in row), flush=True)
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
