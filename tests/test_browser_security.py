"""The Content-Security-Policies in a real browser (Debian's chromium, driven by Playwright).

Every public page type in every language, and the admin screens (dashboard, explorer, page editor
with its preview panel, the translation editor, the status report, images and documents) as a
superuser and as a Norwegian translator, load without a single CSP violation. The JSON-LD data
block is not reported as a script; an inline script added to a public page is (so the detector
works).

A live-server test: it starts from the demo and the database is emptied after it (see conftest.py).
"""

import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from events.models import ProjectIndexPage, ProjectPage, SeminarPage, SpeakerIndexPage, SpeakerPage
from home.models import HomePage

from .conftest import CHROMIUM, LANGUAGES
from .translation_helpers import make_user, translation_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]

# Collects what the page's policy blocked, from the moment the document starts.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""
POLICY_WORDS = (
    "Content Security Policy",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Permissions policy",
)


class Watcher:
    """A browser tab that records CSP violations (events and console messages) per address."""

    def __init__(self, context, base):
        self.base = base
        self.page = context.new_page()
        self.console = []
        self.page.on("console", self._console)
        # The requests in flight: a visit waits until there is none (see settle()).
        self.pending = set()
        self.page.on("request", lambda request: self.pending.add(request))
        self.page.on("requestfinished", lambda request: self.pending.discard(request))
        self.page.on("requestfailed", lambda request: self.pending.discard(request))

    def _console(self, message):
        if any(word in message.text for word in POLICY_WORDS):
            self.console.append(message.text)

    def violations(self):
        return self.page.evaluate("window.__cspViolations || []") + self.console

    def visit(self, path):
        self.console.clear()
        response = self.page.goto(self.base + path)
        assert response.status in (200, 404), (path, response.status)
        self.settle()
        return self.violations()

    def settle(self, quiet_ms=100, timeout_ms=15_000):
        """Wait until no request has been in flight for ``quiet_ms``: what the page loads after its
        load event (scripts' requests, frames) is checked too. Playwright's "networkidle" does
        the same with a fixed 500 ms, on each of the 60 pages."""
        step, quiet, waited = 25, 0, 0
        while quiet < quiet_ms:
            assert waited < timeout_ms, f"requests still in flight: {[r.url for r in self.pending]}"
            self.page.wait_for_timeout(step)
            waited += step
            quiet = quiet + step if not self.pending else 0

    def log_in(self, username, password):
        self.page.goto(self.base + "/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.base + "/admin/")


@pytest.fixture
def new_watcher(browser, live_server):
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
        # Generous: the first render of a page on a loaded CI machine took over 15 s once.
        context.set_default_timeout(60_000)
        context.add_init_script(LISTEN)
        # Nothing leaves the machine: the video players' addresses are answered locally.
        context.route(
            lambda url: not url.startswith(live_server.url),
            lambda route: route.fulfill(status=200, content_type="text/html", body="<p>player</p>"),
        )
        contexts.append(context)
        return Watcher(context, live_server.url)

    yield make
    for context in contexts:
        context.close()


def test_no_csp_violation_on_public_pages_and_admin_screens(new_watcher):
    types = [HomePage, ProjectIndexPage, ProjectPage, SeminarPage, SpeakerIndexPage, SpeakerPage]
    found = {}

    # Visitors: one page of every type in every language, search, a 404.
    visitor = new_watcher()
    for code in LANGUAGES:
        for model in types:
            page = model.objects.live().filter(locale__language_code=code).order_by("path").first()
            found[page.get_url()] = visitor.visit(page.get_url())
        found[f"/{code}/search/?q=miasto"] = visitor.visit(f"/{code}/search/?q=miasto")
        found[f"/{code}/no-such-page/"] = visitor.visit(f"/{code}/no-such-page/")

    # The seminar's JSON-LD is on the page and is not reported; the recording's player may load.
    seminar = SeminarPage.objects.get(locale__language_code="en")
    visitor.visit(seminar.get_url())
    assert visitor.page.locator('script[type="application/ld+json"]').count() == 1
    visitor.page.locator(".recording__play").click()
    visitor.page.locator(".recording__player iframe").wait_for()
    visitor.settle()
    found["recording player"] = visitor.violations()

    # The detector works: an inline script is blocked and reported.
    visitor.page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.appendChild(s); }"
    )
    visitor.page.wait_for_timeout(200)
    assert visitor.page.evaluate("window.ran") is None
    assert any("script-src" in v for v in visitor.violations()), visitor.violations()

    # A superuser: the admin screens, the editor's preview panel, the translation editor.
    get_user_model().objects.create_superuser("csp-admin", password="pw-csp-admin")
    admin = new_watcher()
    admin.log_in("csp-admin", "pw-csp-admin")
    polish_seminar = SeminarPage.objects.get(locale__language_code="pl")
    norwegian_seminar = SeminarPage.objects.get(locale__language_code="nb")
    speaker = SpeakerPage.objects.filter(locale__language_code="pl").first()
    translation = translation_for(polish_seminar, "nb")
    for path in [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{polish_seminar.get_parent().pk}/",
        f"/admin/pages/{speaker.pk}/edit/",
        f"/admin/pages/{polish_seminar.pk}/history/",
        "/admin/translations/reports/status/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/events/organisation/",
        f"/admin/localize/translate/{translation.pk}/preview/",
    ]:
        found[f"superuser {path}"] = admin.visit(path)

    # The page editor with its preview panel open: the preview is a same-origin iframe.
    revisions_before = polish_seminar.revisions.count()
    found["superuser editor"] = admin.visit(f"/admin/pages/{polish_seminar.pk}/edit/")
    admin.page.locator('[data-side-panel-toggle="preview"]').click()
    # Wagtail swaps its placeholder for the loaded iframe, which keeps the id.
    admin.page.locator('#w-preview-iframe[src*="/preview/"]').wait_for(state="attached")
    preview = admin.page.frame_locator('#w-preview-iframe[src*="/preview/"]')
    preview.locator("h1").wait_for()
    assert preview.locator("h1").inner_text() == polish_seminar.title
    found["superuser preview panel"] = admin.violations()

    # The largest form of the demo: the seminar's editor (programme, report, gallery) posts far
    # fewer fields than Django's default DATA_UPLOAD_MAX_NUMBER_FIELDS (1000), and saves.
    fields = admin.page.evaluate(
        "Array.from(new FormData(document.querySelector('[name=title]').form)).length"
    )
    assert 50 < fields < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS // 4
    admin.page.evaluate("document.querySelector('[name=title]').form.requestSubmit()")
    admin.page.locator(".messages .success").wait_for()
    assert polish_seminar.revisions.count() > revisions_before
    found["superuser saved the seminar"] = admin.violations()

    found["superuser translation editor"] = admin.visit(f"/admin/pages/{norwegian_seminar.pk}/edit/")
    admin.page.get_by_text(polish_seminar.title).first.wait_for()

    # A Norwegian translator: her dashboard, the translation editor, the status report.
    translator_user = make_user("csp-translator", "nb")
    translator_user.set_password("pw-csp-translator")
    translator_user.save()
    translator_user.wagtail_userprofile.preferred_language = "nb"  # her admin in Norwegian
    translator_user.wagtail_userprofile.save()
    translator = new_watcher()
    translator.log_in("csp-translator", "pw-csp-translator")
    for path in [
        "/admin/",
        f"/admin/pages/{norwegian_seminar.pk}/edit/",
        "/admin/translations/reports/status/",
    ]:
        found[f"translator {path}"] = translator.visit(path)

    assert {where: v for where, v in found.items() if v} == {}
    assert len(found) >= len(LANGUAGES) * (len(types) + 2) + 15
