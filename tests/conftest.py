"""Shared fixtures: the demo site is loaded once per test session into the test database.

Each test runs in a transaction that is rolled back, so tests may change the
demo freely. Live-server tests (marked ``browser``) run in committed transactions
and empty the database after them: each starts from, and leaves behind, the demo
(see ``pytest_runtest_teardown``), so the tests may run in any order and on any
pytest-xdist worker (pytest.ini: ``-n 2 --dist loadfile``).
"""

import shutil

import pytest
from django.conf import settings
from django.db import connection, connections

from home.demo import loader

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# The slowest test files first, the slowest first (``--durations`` says which): each xdist
# worker takes the next file when it is done with one (``--dist loadfile``, in this order),
# so the long ones do not end up last on one worker while the other one waits. (Not the
# report's tests: they time requests, best not beside a browser test on a two-core machine.)
SLOWEST_FIRST = [
    "test_browser_security.py",
    "test_browser.py",
    "test_browser_axe.py",
    "test_serve.py",
    "test_browser_translation.py",
    "test_query_budget.py",
    "test_first_impression.py",
    "test_demo.py",
    "test_backup.py",
]


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        loader.load()
        if any(is_live_server_test(item) for item in request.session.items):
            # Live-server tests (marked serialized_rollback=True) get this copy of the demo back
            # before each of them (Django's TransactionTestCase restores it in a few seconds)
            # instead of loading the demo again; see also pytest_runtest_teardown.
            # It replaces the copy of the freshly migrated database that the test database's
            # creation left on this connection object. And it goes on the class too: while
            # Playwright's event loop runs (browser tests), Django hands out another connection
            # object to the same database (asgiref's Local keeps them per async context).
            demo = connection.creation.serialize_db_to_string()
            connection._test_serialized_contents = demo
            type(connections["default"])._test_serialized_contents = demo
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def is_live_server_test(item):
    return item.get_closest_marker("browser") is not None


def pytest_collection_modifyitems(items):
    """The slowest files first (see SLOWEST_FIRST); otherwise the order of collection."""
    rank = {name: index for index, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last of a run of live-server tests, the demo back for the tests that follow.

    A live-server test ends with a flush that empties the database. The next live-server test
    restores the demo itself before it starts (serialized_rollback); any other test expects
    the demo that django_db_setup loaded, so it is restored here from the same copy.
    """
    result = yield
    if is_live_server_test(item) and nextitem is not None and not is_live_server_test(nextitem):
        restore_demo(item.config)
    return result


def restore_demo(config):
    from django.contrib.contenttypes.models import ContentType
    from pytest_django.plugin import blocking_manager_key

    from events.models import SeminarPage

    with config.stash[blocking_manager_key].unblock():
        if not SeminarPage.objects.exists():
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
            ContentType.objects.clear_cache()


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright, for the browser tests (never a downloaded browser).

    One per test module: other tests, which may follow on the same worker, run without
    Playwright's event loop and without DJANGO_ALLOW_ASYNC_UNSAFE (which their subprocesses
    would inherit: ``manage.py check --deploy`` refuses it).
    """
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


@pytest.fixture
def live_demo(live_server):
    """The live server, with the demo site (restored before each live-server test)."""
    return live_server
