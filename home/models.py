"""The home page: one per language tree, the root of each locale's site."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from events.blocks import BodyBlock
from events.models import ProjectIndexPage, SeminarPage

from .forms import SitePageForm
from .pages import SitePage, public
from .search import BASE_FORMS, BaseFormsIndexed

RECENT_SEMINARS = 3
# The home page shows the next few seminars; the project index lists them all.
UPCOMING_SEMINARS = 6


class HomePage(SitePage, BaseFormsIndexed, Page):
    base_form_class = SitePageForm

    intro = models.TextField(
        _("introduction"), help_text=_("What the programme is, in two or three sentences.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    funding = RichTextField(
        _("funding acknowledgement"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Who funds the programme, as the funder requires it to be stated."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("funding"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body"), BASE_FORMS]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["events.ProjectIndexPage", "events.SpeakerIndexPage", "home.AccessibilityStatementPage"]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        seminars = public(SeminarPage.objects.live()).descendant_of(self)
        upcoming = list(seminars.upcoming()[: UPCOMING_SEMINARS + 1])
        context["upcoming_seminars"] = upcoming[:UPCOMING_SEMINARS]
        # The same number of queries whether there are more or not (tests/test_query_budget.py).
        index = public(ProjectIndexPage.objects.live()).child_of(self).first()
        if index is not None and len(upcoming) > UPCOMING_SEMINARS:
            context["all_upcoming_url"] = index.get_url(request)
        context["recent_seminars"] = seminars.past()[:RECENT_SEMINARS]
        return context


class AccessibilityStatementPage(SitePage, BaseFormsIndexed, Page):
    """The accessibility statement (deklaracja dostępności) of the site, one per language tree.

    Its sections follow the Polish act on digital accessibility of 4 April 2019 (ustawa o
    dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych) and
    the model statement of Commission Implementing Decision (EU) 2018/1523; the elements carry
    the ``a11y-*`` ids of the Polish technical conditions, which monitoring tools read.
    The standard wording is in the templates (gettext); what editors keep up to date is here.

    Translated: the entity's name, the known limitations, the contact, the enforcement procedure
    and the architectural accessibility. Synchronised: the dates, the compliance status and the
    assessment method (choices), the e-mail address, and, as deliberate exceptions, the
    telephone number and the postal address, which are not translated.
    """

    base_form_class = SitePageForm

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Assessment(models.TextChoices):
        SELF = "self", _("self-assessment by the entity")
        THIRD_PARTY = "third_party", _("assessment by a third party")

    entity_name = models.CharField(
        _("entity"),
        max_length=255,
        help_text=_("The public body or organisation responsible for the site, as it is officially named."),
    )
    published_on = models.DateField(_("site published on"))
    updated_on = models.DateField(
        _("site last significantly updated on"),
        help_text=_("The last change to the site's design, structure or way of publishing information."),
    )
    compliance = models.CharField(
        _("compliance status"), max_length=16, choices=Compliance.choices, default=Compliance.PARTIAL
    )
    known_limitations = RichTextField(
        _("content that is not accessible"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_(
            "Each known limitation with its reason (disproportionate burden, content outside "
            "the act's scope) and, where there is one, the accessible alternative."
        ),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(
        _("statement last reviewed on"),
        help_text=_(
            "The act requires a review at least once a year, by 31 March, and after every significant change."
        ),
    )
    assessment = models.CharField(
        _("how accessibility was assessed"),
        max_length=16,
        choices=Assessment.choices,
        default=Assessment.SELF,
    )
    contact_name = models.CharField(
        _("contact person or unit"),
        max_length=255,
        help_text=_("Who answers accessibility requests and complaints."),
    )
    contact_email = models.EmailField(_("contact e-mail address"))
    contact_phone = models.CharField(_("contact telephone number"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address of the entity"), blank=True)
    enforcement_procedure = RichTextField(
        _("enforcement procedure"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_(
            "How to request accessible content, the deadlines, how to complain, and the right to "
            "apply to the Ombudsman (Rzecznik Praw Obywatelskich)."
        ),
    )
    architectural_accessibility = RichTextField(
        _("architectural accessibility"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_(
            "Access to the entity's premises, where visitors may go there. Leave empty if not relevant."
        ),
    )

    override_translatable_fields = [
        SynchronizedField("contact_phone"),
        SynchronizedField("postal_address"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("entity_name"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("published_on"), FieldPanel("updated_on")])],
            heading=_("Dates of publication and update"),
        ),
        MultiFieldPanel(
            [FieldPanel("compliance"), FieldPanel("known_limitations")],
            heading=_("Compliance status"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]), FieldPanel("assessment")],
            heading=_("Preparation of the statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("postal_address"),
            ],
            heading=_("Feedback and contact information"),
        ),
        FieldPanel("enforcement_procedure"),
        FieldPanel("architectural_accessibility"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("known_limitations"),
        index.SearchField("enforcement_procedure"),
        BASE_FORMS,
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "home/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")

    @property
    def summary(self):
        """The description for search engines and link previews, in the page's language."""
        with translation.override(self.locale.language_code):
            text = _(
                "How %(entity)s makes this website accessible, what is not yet accessible "
                "and how to ask for it."
            )
            return str(text) % {"entity": self.entity_name}
