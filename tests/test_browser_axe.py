"""WCAG 2.1 A and AA in a real browser: axe-core (node_modules, injected from disk) finds no serious
or critical violation on any public page type in any language, the 404 page, or the admin screens
the project adds (the translation status report, the review's confirmation, the sync).

Live-server tests: each starts from the demo and the database is emptied after it (see conftest.py).
"""

import os

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

from events.models import SeminarPage
from home.models import AccessibilityStatementPage

from .checkers import axe_missing, axe_violations, public_paths
from .conftest import CHROMIUM, LANGUAGES
from .translation_helpers import make_user, translation_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
    pytest.mark.skipif(axe_missing() is not None, reason=f"axe-core: {axe_missing()}"),
]


def report(found):
    return "\n".join(
        f"{where}: {rule} ({impact}) {target}\n    {summary}"
        for where, rule, impact, target, summary in found
    )


def check(page, where):
    return [(where, *violation) for violation in axe_violations(page)]


# Checked on a phone as well: the home page and search results, whose header and forms reflow most.
PHONE_CHECKED = ("/", "/search/?q=miasto")


def test_public_pages_in_every_language_desktop_and_phone(live_demo, browser):
    # Content-Security-Policy does not apply to what the test injects.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()

    # The check is live: an image without a text alternative in a link is found.
    page.goto(live_demo.url + "/en/")
    page.evaluate(
        """() => {
            const link = document.createElement('a');
            link.href = '/en/';
            link.innerHTML = '<img src="/static/img/logo.svg">';
            document.querySelector('main').appendChild(link);
        }"""
    )
    rules = {rule for rule, _impact, _target, _summary in axe_violations(page)}
    assert {"image-alt", "link-name"} <= rules, rules

    found = []
    checked = 0
    phone = context.browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, bypass_csp=True
    )
    for code in LANGUAGES:
        for path in public_paths(code):
            targets = [(page, "1280px")]
            if path.removeprefix(f"/{code}") in PHONE_CHECKED:
                targets.append((phone.pages[0] if phone.pages else phone.new_page(), "390px"))
            for tab, width in targets:
                response = tab.goto(live_demo.url + path)
                assert response.status in (200, 404), path
                found += check(tab, f"{path} at {width}")
                checked += 1
    phone.close()
    context.close()
    assert checked == 4 * (15 + len(PHONE_CHECKED))
    assert found == [], report(found)


def log_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def test_the_projects_admin_screens(live_demo, browser):
    coordinator = get_user_model().objects.create_superuser("koordynator", password="pw-koordynator")
    UserProfile.objects.update_or_create(user=coordinator, defaults={"preferred_language": "pl"})
    make_user("ewa", "pl", "pl", password="pw-ewa")
    make_user("nora", "nb", "nb", password="pw-nora")
    make_user("ola", "nb", "nb", password="pw-ola")
    statement = AccessibilityStatementPage.objects.get(locale__language_code="pl")
    seminar = SeminarPage.objects.get(locale__language_code="pl")
    translation = translation_for(statement, "nb")
    found = []

    # The translation status report, for the coordinator (Polish) and a Norwegian translator.
    coordinator = log_in(browser, live_demo, "koordynator")
    coordinator.goto(live_demo.url + reverse("translations:status_report"))
    assert coordinator.locator("table").count() > 0
    found += check(coordinator, "status report (pl, coordinator)")

    # The sync: the Polish editor chooses the languages to sync the seminar into.
    ewa = log_in(browser, live_demo, "ewa")
    source = translation_for(seminar, "nb").source
    ewa.goto(live_demo.url + reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert ewa.locator("form input[type=checkbox]").count() == 3
    found += check(ewa, "sync (pl, editor)")

    # The Norwegian translator: her dashboard, the report and "save or submit for review".
    nora = log_in(browser, live_demo, "nora")
    found += check(nora, "dashboard (nb, translator)")
    nora.goto(live_demo.url + reverse("translations:status_report"))
    found += check(nora, "status report (nb, translator)")
    nora.goto(live_demo.url + reverse("translations:submit_for_review", args=[translation.pk]))
    assert nora.locator("form button[name=submit]").count() == 1
    found += check(nora, "submit for review (nb, translator)")
    with nora.expect_navigation():
        nora.click("form button[name=submit]")

    # A second translator approves from her dashboard and lands on the confirmation.
    ola = log_in(browser, live_demo, "ola")
    row = ola.locator("#awaiting-review-content tr", has_text=translation.get_target_instance().title)
    row.locator("[data-w-dropdown-target=toggle]").click()
    with ola.expect_navigation():
        row.get_by_role("button", name="Godkjenn", exact=True).click()
    assert ola.locator(".messages li.success").count() == 1
    found += check(ola, "review confirmation (nb, reviewer)")

    for context in browser.contexts:
        context.close()
    assert found == [], report(found)
