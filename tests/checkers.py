"""The checkers the suite runs pages through, installed by the project's own files.

``package.json`` pins axe-core (WCAG checks in the browser) and vnu-jar (the Nu HTML Checker,
run with the machine's Java); ``make test`` installs them with ``npm ci --ignore-scripts`` (no
download at run time, and vnu-jar's own Java downloader does not run). Tests that need one skip
with a message saying what is missing.
"""

import json
import shutil
import subprocess
from pathlib import Path

from .pages import demo_pages

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
JAVA = shutil.which("java")

# The WCAG 2.1 A and AA rules of axe-core, and the impacts that fail a test.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}


def vnu_missing():
    """Why the Nu HTML Checker cannot run here, or None."""
    if JAVA is None:
        return "no Java on this machine (make test installs default-jre-headless with apt when it can)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR.relative_to(ROOT)} is missing: run `npm ci --ignore-scripts` (make test does)"
    return None


def axe_missing():
    if not AXE_JS.exists():
        return f"{AXE_JS.relative_to(ROOT)} is missing: run `npm ci --ignore-scripts` (make test does)"
    return None


def public_paths(code):
    """Every public page type in one language: the demo pages, search (with results, empty) and the 404."""
    paths = [page.get_url() for page in demo_pages(code)]
    paths += [f"/{code}/search/?q=miasto", f"/{code}/search/?q=", f"/{code}/no-such-page/"]
    return paths


def vnu_errors(files):
    """The Nu HTML Checker's errors for ``files`` (one Java run for all): [(file, line, message)]."""
    result = subprocess.run(
        [JAVA, "-Xss2m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        (Path(m.get("url", "")).name, m.get("lastLine"), m.get("message"))
        for m in messages
        if m.get("type") in ("error", "non-document-error") or m.get("subType") == "fatal"
    ]


def axe_violations(page):
    """Run axe-core (from node_modules, nothing fetched) on a Playwright page: the serious and
    critical violations of WCAG 2.1 A/AA as [(rule id, impact, target, summary)]."""
    # Colours are measured once transitions end (Wagtail's messages fade in), at most 3 s.
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished.catch(() => null))),
            new Promise(resolve => setTimeout(resolve, 3000)),
        ])"""
    )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    found = []
    for violation in results["violations"]:
        if violation.get("impact") not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            found.append(
                (violation["id"], violation["impact"], node["target"], node.get("failureSummary", ""))
            )
    return found
