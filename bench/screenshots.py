"""Screenshots of each page type in each language, at desktop (1280×800) and phone (390×844) size.

    make run &                                  # or any running server of this site
    .venv/bin/python bench/screenshots.py       # all page types, all languages -> docs/screenshots/
    .venv/bin/python bench/screenshots.py --languages pl en --types home seminar --base-url http://127.0.0.1:8001

The page addresses come from the database the server uses (DJANGO_SETTINGS_MODULE, by default
cms.settings.dev, the one ``make run`` uses). Debian's chromium through Playwright (never a
downloaded browser). The PNGs are reduced to 256 colours (Pillow) to stay small in the repository;
``--full-page`` takes the whole page instead of the first screen.
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def page_paths(language):
    """{page type: path} for one language: one page of each type, search and the 404 page."""
    from events.models import ProjectIndexPage, ProjectPage, SeminarPage, SpeakerIndexPage, SpeakerPage
    from home.models import AccessibilityStatementPage, HomePage

    models = {
        "home": HomePage,
        "projects": ProjectIndexPage,
        "project": ProjectPage,
        "seminar": SeminarPage,
        "speakers": SpeakerIndexPage,
        "speaker": SpeakerPage,
        "accessibility": AccessibilityStatementPage,
    }
    paths = {}
    for name, model in models.items():
        page = model.objects.live().filter(locale__language_code=language).order_by("path").first()
        if page is not None:
            paths[name] = page.get_url()
    paths["search"] = f"/{language}/search/?q=miasto"
    paths["404"] = f"/{language}/no-such-page/"
    return paths


def shrink(path):
    """256 colours: a screenshot of this site loses nothing visible and becomes 3–4 times smaller."""
    from PIL import Image

    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main():
    import django

    django.setup()
    from django.conf import settings
    from playwright.sync_api import sync_playwright

    languages = [code for code, _name in settings.LANGUAGES]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("BASE_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--languages", nargs="+", default=languages, choices=languages)
    parser.add_argument(
        "--types", nargs="+", help="page types (home, seminar, speakers, ...); all by default"
    )
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    # The database first: Playwright's synchronous API runs in an event loop, where Django refuses it.
    paths = {
        language: {
            name: path for name, path in page_paths(language).items() if not args.types or name in args.types
        }
        for language in args.languages
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        for size in args.sizes:
            context = browser.new_context(
                viewport=SIZES[size],
                is_mobile=size == "phone",
                has_touch=size == "phone",
                device_scale_factor=1,
            )
            page = context.new_page()
            for language in args.languages:
                for name, path in paths[language].items():
                    response = page.goto(args.base_url.rstrip("/") + path, wait_until="networkidle")
                    target = out / f"{name}-{language}-{size}.png"
                    page.screenshot(path=target, full_page=args.full_page)
                    shrink(target)
                    print(f"{response.status} {path} -> {target} ({target.stat().st_size // 1024} KB)")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
