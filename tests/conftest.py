"""Shared fixtures: the demo site is loaded once per test session into the test database.

Each test runs in a transaction that is rolled back, so tests may change the
demo freely.
"""

import shutil

import pytest
from django.conf import settings
from django.db import connection

from home.demo import loader

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        loader.load()
        if any(item.get_closest_marker("browser") for item in request.session.items):
            # Live-server tests marked serialized_rollback=True get this copy of the demo back
            # after the flush that ends each of them (Django's TransactionTestCase restores it
            # in a few seconds) instead of loading the demo again.
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
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


def ensure_demo():
    """The demo site, also in a database that an earlier live-server test emptied.

    The flush after a live-server test removes what the migrations created too; post_migrate
    brings back the content types and the models' permissions, but not the data that
    ``loader.load()`` builds on (the locales, the root page and the root collection) nor
    wagtail-localize's "Can submit translations" permission, which the Polish editors' team
    needs. Those come back first, as the migrations make them; the language teams and review
    workflows then follow from the locales and home pages (translations.signals).
    """
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import Collection, Locale, Page

    from events.models import SeminarPage

    if SeminarPage.objects.exists():
        return
    localize = import_module("wagtail_localize.migrations.0006_create_submit_translation_permission")
    localize.create_submit_translation_permission(apps, None)
    import_module("home.migrations.0002_create_locales").create_locales(apps, None)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    loader.load()


@pytest.fixture
def live_demo(live_server):
    """The live server with the demo site loaded (a live-server test empties the database after it)."""
    ensure_demo()
    return live_server
