"""Visitors in a real browser (Debian's chromium, driven by Playwright): on a phone, with the keyboard.

These tests use a live server: each starts from the demo and the database is emptied after it
(see conftest.py).
"""

import os

import pytest
from django.utils import translation

from events.models import SeminarPage, SpeakerIndexPage
from home.demo import content

from .conftest import CHROMIUM, LANGUAGES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="is-IS")
    page = context.new_page()
    yield page
    context.close()


def test_a_visitor_from_reykjavik_on_a_phone(live_demo, phone):
    """One scenario, since the live server's database is emptied after each test."""
    seminars = {code: SeminarPage.objects.get(locale__language_code=code) for code in LANGUAGES}

    # A first visit follows the browser's language (is-IS).
    phone.goto(live_demo.url + "/")
    assert phone.url == live_demo.url + "/is/"
    assert phone.locator("html").get_attribute("lang") == "is"

    # The seminar in Polish, then through the switcher to nb, is, en and back to pl.
    phone.goto(live_demo.url + seminars["pl"].get_url())
    assert phone.locator("html").get_attribute("lang") == "pl"
    assert phone.locator("h1").inner_text() == seminars["pl"].title
    for code in ["nb", "is", "en", "pl"]:
        # With the keyboard: focus the language's link and press Enter.
        link = phone.locator(f'#language-switcher a[hreflang="{code}"]')
        link.focus()
        link.press("Enter")
        phone.wait_for_load_state()
        assert phone.url == live_demo.url + seminars[code].get_url()
        assert phone.locator("html").get_attribute("lang") == code
        assert phone.locator("h1").inner_text() == seminars[code].title
        assert phone.locator("#language-switcher a[aria-current]").get_attribute("hreflang") == code
        # Readable on a phone: nothing scrolls sideways.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # The choice is remembered: the bare address opens the Polish site now,
    # although the browser asks for Icelandic.
    phone.goto(live_demo.url + "/")
    assert phone.url == live_demo.url + "/pl/"

    # The recording: nothing goes to the video host until the visitor presses play.
    outside = []

    def record_and_block(route):
        outside.append(route.request.url)
        route.abort()

    phone.route(lambda url: not url.startswith(live_demo.url), record_and_block)
    phone.goto(live_demo.url + seminars["en"].get_url())
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


# --- The same visitor's journey in every language, with the keyboard only ------------------


def focused(page, selector):
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page, selector, limit=80):
    """Press Tab until the element matching ``selector`` has the focus (as a keyboard user does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return page.locator(selector).first
    raise AssertionError(f"{selector} never got the focus with Tab on {page.url}")


def press_enter_and_load(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def gettext_in(code, msgid):
    with translation.override(code):
        return translation.gettext(msgid)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_visitor_on_a_phone_with_the_keyboard_only(live_demo, browser, code):
    site = live_demo.url
    other = LANGUAGES[(LANGUAGES.index(code) + 1) % len(LANGUAGES)]
    seminar = SeminarPage.objects.get(locale__language_code=code)
    speakers = SpeakerIndexPage.objects.get(locale__language_code=code)
    speakers_other = SpeakerIndexPage.objects.get(locale__language_code=other)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, accept_downloads=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    outside = []

    def record_and_block(route):
        outside.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith(site), record_and_block)

    # The home page: the first Tab reaches the skip link, which moves the focus to the content.
    page.goto(f"{site}/{code}/")
    assert page.locator("html").get_attribute("lang") == code
    skip = tab_to(page, ".skip-link", limit=1)
    assert skip.inner_text() == gettext_in(code, "Skip to content")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    fits_the_phone(page)

    # The main navigation leads to the speakers.
    page.goto(f"{site}/{code}/")
    tab_to(page, f'.main-nav a[href="{speakers.get_url()}"]')
    press_enter_and_load(page)
    assert page.url == site + speakers.get_url()
    assert page.locator("h1").inner_text() == speakers.title
    assert page.locator(".card-list--speakers > li").count() == len(content.SPEAKERS)
    fits_the_phone(page)

    # The switcher leads to the same page in the other language, and back.
    tab_to(page, f'#language-switcher a[hreflang="{other}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(site + speakers_other.get_url())
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator("h1").inner_text() == speakers_other.title
    tab_to(page, f'#language-switcher a[hreflang="{code}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(site + speakers.get_url())
    assert page.locator("html").get_attribute("lang") == code

    # The seminar's programme: every talk, in the page's language, with its time.
    page.goto(site + seminar.get_url())
    talks = page.locator("ol.programme > li.talk")
    assert talks.count() == len(content.SEMINAR["talks"])
    for index, talk in enumerate(content.SEMINAR["talks"]):
        assert talks.nth(index).locator(".talk__title").inner_text() == talk["title"][code]
        assert talks.nth(index).locator(".talk__time").inner_text() == talk["start_time"].strftime("%H:%M")
    fits_the_phone(page)

    # The calendar download: Enter on "Add to calendar" saves an .ics file in the page's language.
    tab_to(page, ".calendar-links__add")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".ics")
    ics = download.value.path().read_bytes()
    assert ics.startswith(b"BEGIN:VCALENDAR")
    assert seminar.title.encode() in ics.replace(b"\r\n ", b"")

    # The recording: nothing from the video host until the visitor presses play (Enter).
    assert outside == []
    assert page.locator("iframe").count() == 0
    tab_to(page, ".recording__play")
    page.keyboard.press("Enter")
    frame = page.locator(".recording__player iframe")
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert focused(page, ".recording__player iframe")
    page.wait_for_timeout(300)
    assert outside and all("youtube-nocookie.com" in url for url in outside)

    # Search: from the navigation, type a word of the seminar's title, Enter, open the first result.
    page.goto(f"{site}/{code}/")
    tab_to(page, ".main-nav a[href$='/search/']")
    press_enter_and_load(page)
    tab_to(page, "#search-query")
    page.keyboard.type(seminar.title)
    press_enter_and_load(page)
    assert page.locator("#results-heading").is_visible()
    tab_to(page, ".search-result__title")
    assert page.evaluate("document.activeElement.textContent").strip() == seminar.title
    press_enter_and_load(page)
    assert page.url == site + seminar.get_url()

    # A missing page: the site's own 404, in the visitor's language, with a way home.
    response = page.goto(f"{site}/{code}/no-such-page/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == code
    assert page.locator("h1").inner_text() == gettext_in(code, "Page not found")
    tab_to(page, f'main a[href="/{code}/"]')
    press_enter_and_load(page)
    assert page.url == f"{site}/{code}/"
    fits_the_phone(page)
    context.close()


# --- Layout: the header, the listings and the printed programme --------------------------------


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_one_header_layout_in_every_language_and_listings_that_use_the_screen(live_demo, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    heights = {}
    for code in LANGUAGES:
        speakers = SpeakerIndexPage.objects.get(locale__language_code=code)
        page.goto(live_demo.url + speakers.get_url())
        name, switcher, nav = box(page, ".site-name"), box(page, "#language-switcher"), box(page, ".main-nav")
        # The switcher beside the site's name, the menu under both: the same in every language.
        assert switcher["y"] < name["y"] + name["height"], code
        assert nav["y"] >= name["y"] + name["height"], code
        tops = {round(link.bounding_box()["y"]) for link in page.locator(".switcher__link").all()}
        assert len(tops) == 1, (code, tops)
        heights[code] = round(box(page, ".site-header")["height"])

        # Letter groups side by side, not one screen-wide row each.
        groups = [group.bounding_box() for group in page.locator(".letter-group").all()]
        assert len({round(group["x"]) for group in groups}) >= 3, code
        assert page.evaluate("document.documentElement.scrollHeight") < 2 * 800, code

        # The seminar's speakers: three cards a row.
        page.goto(live_demo.url + SeminarPage.objects.get(locale__language_code=code).get_url())
        cards = [card.bounding_box() for card in page.locator("#speakers-heading + .card-list > li").all()]
        assert len({round(card["y"]) for card in cards[:3]}) == 1, code
    assert len(set(heights.values())) == 1, heights

    # On a phone the four languages fit one row, in every language.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    for code in LANGUAGES:
        phone.goto(f"{live_demo.url}/{code}/")
        tops = {round(link.bounding_box()["y"]) for link in phone.locator(".switcher__link").all()}
        assert len(tops) == 1, (code, tops)
    phone.context.close()
    context.close()


def test_the_programme_prints_without_navigation_and_with_link_addresses(live_demo, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    for code in LANGUAGES:
        seminar = SeminarPage.objects.get(locale__language_code=code)
        page.goto(live_demo.url + seminar.get_url())
        page.emulate_media(media="print")
        for hidden in [
            ".site-header",
            "#language-switcher",
            ".main-nav",
            ".breadcrumbs",
            ".calendar-links",
            ".recording__player",
        ]:
            assert not page.locator(hidden).first.is_visible(), (code, hidden)
        assert page.locator("h1").is_visible()
        talks = page.locator("ol.programme > li.talk")
        assert talks.count() == len(content.SEMINAR["talks"])
        assert all(talk.is_visible() for talk in talks.all())
        assert page.evaluate("getComputedStyle(document.querySelector('.talk')).breakInside") == "avoid"
        speaker_link = talks.first.locator(".talk__speaker a").first
        after = speaker_link.evaluate("a => getComputedStyle(a, '::after').content")
        assert speaker_link.get_attribute("href") in after, after
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        page.emulate_media(media="screen")
        assert page.locator(".site-header").is_visible()
        assert (
            page.evaluate("getComputedStyle(document.querySelector('a[href]'), '::after').content") == "none"
        )
    context.close()
