"""The accessibility statement (issue 15): in four languages, in the structure of the Polish act on
digital accessibility (4 April 2019), linked from every footer, kept up to date by editors in the
admin and translated like every other page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse
from django.utils import formats, translation
from wagtail.test.utils.form_data import nested_form_data, rich_text

from home.demo import content
from home.models import AccessibilityStatementPage

from .conftest import LANGUAGES
from .pages import demo_pages
from .translation_helpers import make_user, translate_all, translation_for

# The ids of the Polish technical conditions for publishing the statement, which monitoring tools read.
A11Y_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-data-deklaracja-przeglad",
    "a11y-ocena",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-procedura",
    "a11y-architektura",
]
DATA = content.ACCESSIBILITY


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def statement(code):
    return AccessibilityStatementPage.objects.live().get(locale__language_code=code)


@pytest.mark.django_db
def test_the_statement_in_each_language_has_the_acts_sections(client, language):
    page = statement(language)
    assert page.url_path.endswith(f"/{DATA['slug'][language]}/")
    soup = soup_of(client.get(page.get_url()))
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == DATA["title"][language]
    for element_id in A11Y_IDS:
        assert soup.find(id=element_id) is not None, element_id
    assert soup.find(id="a11y-podmiot").get_text(strip=True) == DATA["entity_name"][language]
    assert soup.find(id="a11y-url")["href"] == page.get_parent().full_url
    with translation.override(language):
        headings = [
            translation.gettext(msgid)
            for msgid in [
                "Dates of publication and update",
                "Compliance status",
                "Content that is not accessible",
                "Preparation of this statement",
                "Keyboard shortcuts",
                "Feedback and contact information",
                "Enforcement procedure",
                "Architectural accessibility",
            ]
        ]
        status = translation.gettext(
            "This website is partially compliant with the act on digital accessibility (WCAG 2.1, level AA) "
            "because of the non-compliances listed below."
        )
        reviewed = formats.date_format(DATA["reviewed_on"], "DATE_FORMAT")
    assert [h.get_text(strip=True) for h in soup.select("article h2, article h3")] == headings
    if language != "en":
        assert status != headings[1] and "WCAG" in status
    assert soup.find(id="a11y-status").get_text(" ", strip=True) == status
    review = soup.find(id="a11y-data-deklaracja-przeglad")
    assert (review["datetime"], review.get_text(strip=True)) == ("2026-03-31", reviewed)
    assert soup.find(id="a11y-data-publikacja")["datetime"] == "2024-04-01"
    text = soup.get_text(" ", strip=True)
    for paragraph in [*DATA["known_limitations"], *DATA["enforcement_procedure"]]:
        assert paragraph[language] in text
    assert soup.find(id="a11y-osoba").get_text(strip=True) == DATA["contact_name"][language]
    assert soup.find(id="a11y-email")["href"] == "mailto:" + DATA["contact_email"]
    assert soup.select_one('#a11y-procedura ~ p a[href="https://bip.brpo.gov.pl/"]') is not None
    assert "Rzecznik Praw Obywatelskich" in text


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_footer_links_to_the_statement_in_its_language(client, code):
    target = statement(code).get_url()
    with translation.override(code):
        label = translation.gettext("Accessibility statement")
    if code != "en":
        assert label != "Accessibility statement"
    urls = [page.get_url() for page in demo_pages(code)]
    urls += [f"/{code}/search/?q=miasto", f"/{code}/no-such-page/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        link = BeautifulSoup(response.content, "html.parser").select_one("footer.site-footer nav a")
        assert link is not None, url
        assert (link["href"], link.get_text(strip=True)) == (target, label), url
    assert len(urls) == 14


class StatementAdminTests(TestCase):
    """Editors keep the statement up to date in the Polish admin; translators translate it."""

    def setUp(self):
        self.editor = make_user("ewa", "pl")
        self.page = statement("pl")
        self.edit = reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def form(self, **overrides):
        page = self.page
        data = {
            "title": page.title,
            "slug": page.slug,
            "entity_name": page.entity_name,
            "published_on": "2024-04-01",
            "updated_on": "2025-02-28",
            "compliance": page.compliance,
            "known_limitations": rich_text(page.known_limitations),
            "prepared_on": "2025-03-10",
            "reviewed_on": "2026-03-31",
            "assessment": page.assessment,
            "contact_name": page.contact_name,
            "contact_email": page.contact_email,
            "contact_phone": "",
            "postal_address": page.postal_address,
            "enforcement_procedure": rich_text(page.enforcement_procedure),
            "architectural_accessibility": rich_text(page.architectural_accessibility),
            **overrides,
        }
        return nested_form_data(data)

    def test_the_admin_form_has_the_fields_editors_keep_up_to_date(self):
        self.client.force_login(self.editor)
        response = self.client.get(self.edit)
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        for name in [
            "entity_name",
            "published_on",
            "updated_on",
            "compliance",
            "known_limitations",
            "prepared_on",
            "reviewed_on",
            "assessment",
            "contact_name",
            "contact_email",
            "contact_phone",
            "enforcement_procedure",
            "architectural_accessibility",
        ]:
            self.assertIsNotNone(soup.find(attrs={"name": name}), name)
        # The admin speaks English to this editor (make_user): the labels are the editors' words.
        labels = [label.get_text(" ", strip=True).rstrip(" *") for label in soup.select(".w-field__label")]
        self.assertIn("Statement last reviewed on", labels)
        self.assertIn("Compliance status", labels)
        self.assertContains(response, "by 31 March")

    def test_an_editor_records_a_review_and_a_new_limitation_and_a_norwegian_translator_translates_it(self):
        self.client.force_login(self.editor)
        limitation = "<p>Mapa dojazdu nie ma opisu tekstowego.</p>"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                self.edit,
                self.form(
                    reviewed_on="2027-03-15",
                    compliance="partial",
                    known_limitations=rich_text(self.page.known_limitations + limitation),
                    **{"translations-publish-and-sync": "1"},
                ),
            )
        self.assertEqual(response.status_code, 302)
        self.page.refresh_from_db()
        self.assertEqual(self.page.reviewed_on, datetime.date(2027, 3, 15))
        pl = soup_of(self.client.get(self.page.get_url()))
        self.assertEqual(pl.find(id="a11y-data-deklaracja-przeglad")["datetime"], "2027-03-15")
        self.assertIn("Mapa dojazdu nie ma opisu tekstowego.", pl.get_text())

        # The Norwegian statement is synced: the date at once (synchronised), the new text waits.
        nb_page = statement("nb")
        self.assertTrue(nb_page.has_unpublished_changes)
        draft = nb_page.get_latest_revision_as_object()
        self.assertEqual(draft.reviewed_on, datetime.date(2027, 3, 15))

        # A Norwegian translator translates the one new string in wagtail-localize's editor.
        translator = make_user("nora", "nb")
        self.client.force_login(translator)
        edit_nb = reverse("wagtailadmin_pages:edit", args=[nb_page.pk])
        self.assertEqual(self.client.get(edit_nb).status_code, 200)
        translation_ = translation_for(self.page, "nb")
        new_text = "Kartet over adkomsten har ingen tekstbeskrivelse."
        self.assertEqual(translate_all(self.client, translation_, text=lambda s: new_text), 1)
        # She submits it for review; a second Norwegian translator approves it, and it goes live.
        self.client.post(reverse("translations:submit_for_review", args=[translation_.pk]), {"submit": "1"})
        nb_page.refresh_from_db()
        task_state = nb_page.current_workflow_state.current_task_state
        self.client.force_login(make_user("ola", "nb"))
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("wagtailadmin_pages:workflow_action", args=[nb_page.pk, "approve", task_state.pk]),
                {"comment": ""},
            )
        self.assertIn(response.status_code, (200, 302))
        nb = soup_of(self.client.get(statement("nb").get_url()))
        self.assertEqual(nb.html["lang"], "nb")
        self.assertIn("Kartet over adkomsten har ingen tekstbeskrivelse.", nb.get_text())
        self.assertEqual(nb.find(id="a11y-data-deklaracja-przeglad")["datetime"], "2027-03-15")
        for paragraph in DATA["known_limitations"]:
            self.assertIn(paragraph.nb, nb.get_text())

    def test_one_statement_per_language(self):
        from wagtail.models import Page

        home = self.page.get_parent().specific
        self.assertFalse(AccessibilityStatementPage.can_create_at(home))
        self.assertEqual(AccessibilityStatementPage.allowed_parent_page_models(), [type(home)])
        self.assertFalse(AccessibilityStatementPage.can_create_at(Page.get_first_root_node()))
