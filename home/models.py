"""The home page: one per language tree, the root of each locale's site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from events.blocks import BodyBlock
from events.models import SeminarPage

from .forms import SitePageForm
from .pages import SitePage, public
from .search import BASE_FORMS, BaseFormsIndexed

RECENT_SEMINARS = 3


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
    subpage_types = ["events.ProjectIndexPage", "events.SpeakerIndexPage"]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        seminars = public(SeminarPage.objects.live()).descendant_of(self)
        context["upcoming_seminars"] = seminars.upcoming()
        context["recent_seminars"] = seminars.past()[:RECENT_SEMINARS]
        return context
