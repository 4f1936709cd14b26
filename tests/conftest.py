"""Shared fixtures: the demo site is loaded once per test session into the test database.

Each test runs in a transaction that is rolled back, so tests may change the
demo freely.
"""

import shutil

import pytest
from django.conf import settings

from home.demo import loader

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        loader.load()
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


def pytest_collection_modifyitems(items):
    """Browser tests use a live server and empty the database after them: run them last."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright, for the browser tests (never a downloaded browser)."""
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API runs an event loop; Django's ORM calls in the
    # test itself stay synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with an empty page cache (home/cache.py): a rolled-back test leaves no pages."""
    from django.core.cache import caches

    caches[settings.PAGE_CACHE_ALIAS].clear()
