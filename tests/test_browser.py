"""A visitor in a real browser (Debian's chromium, driven by Playwright) switches languages.

These tests use a live server, so they run last (see conftest.py): the
database is emptied after them.
"""

import os

import pytest

from events.models import SeminarPage

from .conftest import CHROMIUM, LANGUAGES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="is-IS")
    page = context.new_page()
    yield page
    context.close()


def test_a_visitor_from_reykjavik_on_a_phone(live_server, phone):
    """One scenario, since the live server's database is emptied after each test."""
    seminars = {code: SeminarPage.objects.get(locale__language_code=code) for code in LANGUAGES}

    # A first visit follows the browser's language (is-IS).
    phone.goto(live_server.url + "/")
    assert phone.url == live_server.url + "/is/"
    assert phone.locator("html").get_attribute("lang") == "is"

    # The seminar in Polish, then through the switcher to nb, is, en and back to pl.
    phone.goto(live_server.url + seminars["pl"].get_url())
    assert phone.locator("html").get_attribute("lang") == "pl"
    assert phone.locator("h1").inner_text() == seminars["pl"].title
    for code in ["nb", "is", "en", "pl"]:
        # With the keyboard: focus the language's link and press Enter.
        link = phone.locator(f'#language-switcher a[hreflang="{code}"]')
        link.focus()
        link.press("Enter")
        phone.wait_for_load_state()
        assert phone.url == live_server.url + seminars[code].get_url()
        assert phone.locator("html").get_attribute("lang") == code
        assert phone.locator("h1").inner_text() == seminars[code].title
        assert phone.locator("#language-switcher a[aria-current]").get_attribute("hreflang") == code
        # Readable on a phone: nothing scrolls sideways.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # The choice is remembered: the bare address opens the Polish site now,
    # although the browser asks for Icelandic.
    phone.goto(live_server.url + "/")
    assert phone.url == live_server.url + "/pl/"

    # The recording: nothing goes to the video host until the visitor presses play.
    outside = []

    def record_and_block(route):
        outside.append(route.request.url)
        route.abort()

    phone.route(lambda url: not url.startswith(live_server.url), record_and_block)
    phone.goto(live_server.url + seminars["en"].get_url())
    phone.wait_for_load_state("networkidle")
    assert outside == []
    assert phone.locator("iframe").count() == 0
    play = phone.locator(".recording__play")
    assert play.is_visible()
    play.click()
    frame = phone.locator(".recording__player iframe")
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    phone.wait_for_timeout(500)
    assert outside and all("youtube-nocookie.com" in url for url in outside)
