"""The programme, its seminars and its speakers.

Translation policy (wagtail-localize)
-------------------------------------
Polish is the source language; nb, is and en are translations made with
wagtail-localize. wagtail-localize's defaults decide most fields:

* translated: titles, summaries, bodies and reports (text, rich text,
  StreamField), job titles, biographies, talk titles, city and organisation
  names, alternative texts of images;
* synchronised (copied from the Polish source on every sync): dates, times and
  time zones, countries and other choices, URLs, e-mail addresses, images and
  documents, links to other pages (a talk's speaker);
* foreign keys to a translatable snippet (``Organisation``) point to the
  snippet's translation in the target language.

The deliberate exceptions are listed in each model's
``override_translatable_fields``: people's names and postal addresses are
synchronised because they are not translated. Links to pages stay pointing at
the Polish page in the database and are resolved to the visitor's language when
rendered (``localized_pages``), so a missing translation falls back to the
Polish page, explicitly marked with its own ``lang``.

Seminars also carry a status (``status``: scheduled, rescheduled, postponed,
cancelled) and the languages of the recording's subtitles
(``video_subtitle_languages``, language codes separated by commas); both are
synchronised: the subtitle codes are not text to translate, so they are listed
in ``override_translatable_fields``.

What is derived from these fields, in the page's language, lives in separate
modules: ``events.queries`` (every query: a linked page in the visitor's
language, the organisations visitors see, talks, seminars once each),
``events.calendar`` (iCalendar files and feeds), ``events.jsonld``
(schema.org structured data), ``events.video`` (privacy-friendly embeds of the
recording), ``events.listings`` (filtered, paginated listings of seminars and
speakers) and ``events.collation`` (alphabetical order by each language's
alphabet).
"""

import zoneinfo

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    TitleFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PageManager,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.forms import SitePageForm
from home.pages import SitePage, public
from home.search import BASE_FORMS, BaseFormsIndexed

from . import jsonld, queries
from .blocks import BodyBlock, GalleryBlock, LinkBlock
from .choices import (
    DEFAULT_TIME_ZONE,
    Country,
    OrganisationKind,
    SeminarStatus,
    SeminarTimeZone,
    SpokenLanguage,
    TalkRole,
)
from .forms import OrganisationChooserPanel, SeminarPageForm, SpeakerChooserPanel
from .listings import seminar_listing, speaker_listing
from .queries import SeminarQuerySet, shown_organisation, shown_organisations, talks_by_speaker
from .video import parse_video_url

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


# --- Snippets -------------------------------------------------------------


class Organisation(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A partner institution: a municipality, county, university, association...

    Organisations have drafts, revisions, locking and a review workflow, like
    pages: the row is the live version (what visitors see), edits are saved as
    draft revisions, and a translator's change goes live when a second member
    of the team approves it ("Translation review: organisations",
    ``translations.review``). A translation that was never published
    (``live=False``) is not shown: public pages show the live Polish
    organisation instead (``shown_organisations``).
    """

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=32, choices=OrganisationKind.choices, default=OrganisationKind.MUNICIPALITY
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.POLAND)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("country")]),
        FieldPanel("city"),
        FieldPanel("website"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.FilterField("locale"),
    ]

    # A translation is a new object: it is not published, locked or reviewed because its
    # source is (Wagtail copies every other field, the source's live revision included).
    exclude_fields_in_copy = [
        "live_revision",
        "first_published_at",
        "last_published_at",
        "locked",
        "locked_at",
        "locked_by",
    ]

    # As Wagtail's documentation on snippets with workflows shows.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="organisation")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="organisation",
        for_concrete_model=False,
    )

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def get_workflow(self):
        """The translators' review workflow is for translations: Polish editors publish directly."""
        if self.locale_id and self.locale.language_code == queries.source_language_code():
            return None
        return super().get_workflow()


# --- Projects -------------------------------------------------------------


class ProjectIndexPage(SitePage, BaseFormsIndexed, Page):
    base_form_class = SitePageForm

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro"), BASE_FORMS]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.ProjectPage"]
    template = "events/project_index_page.html"

    class Meta:
        verbose_name = _("project index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = public(ProjectPage.objects.live()).child_of(self)
        # The site-wide seminar listing: every seminar of every project in this language.
        seminars = public(SeminarPage.objects.live()).descendant_of(self)
        context.update(seminar_listing(request, seminars, self.locale))
        return context


class ProjectPage(SitePage, BaseFormsIndexed, Page):
    base_form_class = SitePageForm

    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences shown in listings and search results.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    funding_programme = models.CharField(
        _("funding programme"),
        max_length=255,
        blank=True,
        help_text=_("For example: Bilateral Cooperation Fund of the EEA and Norway Grants 2014–2021."),
    )
    contact = RichTextField(
        _("contact"),
        blank=True,
        features=["bold", "link"],
        help_text=_("Who to contact about the project: name, e-mail address, telephone."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Duration")),
        FieldPanel("funding_programme"),
        FieldPanel("body"),
        MultipleChooserPanel(
            "partners",
            chooser_field_name="organisation",
            heading=_("Partners"),
            label=_("Partner"),
        ),
        FieldPanel("contact"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        BASE_FORMS,
    ]

    parent_page_types = ["events.ProjectIndexPage"]
    subpage_types = ["events.SeminarPage"]
    template = "events/project_page.html"

    class Meta:
        verbose_name = _("project")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The project cannot end before it starts.")})

    def seminars(self):
        return public(SeminarPage.objects.live()).child_of(self)

    def seminars_in_order(self):
        """The project's seminars by start (title, slug, ``local_start``).

        The listing's rows (``events.listings.SeminarRow``) when the page's listing has been built,
        otherwise the pages.
        """
        found = getattr(self, "_seminars_in_order", None)
        return found if found is not None else list(self.seminars().order_by("start"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(seminar_listing(request, self.seminars(), self.locale))
        self._seminars_in_order = context["all_seminars"]
        context["upcoming_seminars"] = context["upcoming"].page.object_list
        context["past_seminars"] = context["past"].page.object_list
        context["partners"] = self.partner_organisations()
        return context

    @cached_property
    def partners_shown(self):
        """The partners as visitors see them: live organisations only (see ``shown_organisations``)."""
        organisations = [
            p.organisation for p in self.partners.select_related("organisation", "organisation__logo")
        ]
        shown = shown_organisations(organisations)
        result = []
        for organisation in organisations:
            visible = shown[organisation.pk]
            if visible is not None and all(visible.pk != o.pk for o in result):
                result.append(visible)
        return result

    def partner_organisations(self):
        """``partners_shown``, fetched once per page object (the page and its structured data use it)."""
        return self.partners_shown

    def structured_data(self, request=None):
        """schema.org data of the page (``events.jsonld``)."""
        return jsonld.project_data(self, request)


class ProjectPartner(TranslatableMixin, Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [OrganisationChooserPanel("organisation")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")


# --- Seminars -------------------------------------------------------------


SeminarManager = PageManager.from_queryset(SeminarQuerySet)


class SeminarPage(SitePage, BaseFormsIndexed, Page):
    theme = models.CharField(
        _("theme"), max_length=255, blank=True, help_text=_("The seminar's subject in one line.")
    )
    summary = models.TextField(
        _("summary"), help_text=_("A short description shown in listings, calendars and search results.")
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=SeminarTimeZone.choices,
        default=DEFAULT_TIME_ZONE,
        help_text=_("The start and end are entered and shown in this time zone."),
    )
    venue_name = models.CharField(_("venue"), max_length=255, blank=True)
    venue_address = models.CharField(
        _("street address"), max_length=255, blank=True, help_text=_("Street and number, postal code.")
    )
    venue_city = models.CharField(_("city"), max_length=100, blank=True)
    venue_country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    online = models.BooleanField(
        _("online"), default=False, help_text=_("The seminar can be followed online.")
    )
    online_url = models.URLField(_("online meeting address"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and when the page is shared."),
    )
    image_alt_text = models.CharField(
        _("main image alternative text"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. It is translated with the page."),
    )
    video_url = models.URLField(
        _("recording"),
        blank=True,
        help_text=_("Address of the video recording, for example on YouTube or Vimeo."),
    )
    video_language = models.CharField(
        _("language of the recording"), max_length=5, choices=SpokenLanguage.choices, blank=True
    )
    video_subtitle_languages = models.CharField(
        _("subtitles of the recording"),
        max_length=32,
        blank=True,
        help_text=_("The languages the recording has subtitles in, if any."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SeminarStatus.choices,
        default=SeminarStatus.SCHEDULED,
        help_text=_("Shown on the page, in calendars and to search engines."),
    )
    report = StreamField(BodyBlock(), verbose_name=_("report"), blank=True)
    full_report_url = models.URLField(_("full report address"), blank=True)
    full_report_title = models.CharField(
        _("full report title"),
        max_length=255,
        blank=True,
        help_text=_("For example: the monthly “Samorząd Miejski”, March 2025 issue."),
    )
    gallery = StreamField(GalleryBlock(), verbose_name=_("gallery"), blank=True)

    objects = SeminarManager()

    override_translatable_fields = [
        SynchronizedField("venue_address"),
        SynchronizedField("video_subtitle_languages"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("theme"),
        FieldPanel("status"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
            ],
            heading=_("Date and time"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("venue_city"), FieldPanel("venue_country")]),
                FieldPanel("online"),
                FieldPanel("online_url"),
            ],
            heading=_("Place"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Main image")),
        InlinePanel("talks", heading=_("Programme"), label=_("Talk")),
        MultiFieldPanel(
            [FieldPanel("video_url"), FieldPanel("video_language"), FieldPanel("video_subtitle_languages")],
            heading=_("Recording"),
        ),
        FieldPanel("report"),
        MultiFieldPanel(
            [FieldPanel("full_report_title"), FieldPanel("full_report_url")],
            heading=_("Full report elsewhere"),
        ),
        FieldPanel("gallery"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("theme"),
        index.SearchField("summary"),
        index.SearchField("report"),
        index.SearchField("venue_city"),
        BASE_FORMS,
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("venue_country"),
    ]

    base_form_class = SeminarPageForm
    serve_related = ("image",)
    parent_page_types = ["events.ProjectPage"]
    subpage_types = []
    template = "events/seminar_page.html"

    class Meta:
        verbose_name = _("seminar")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The seminar cannot end before it starts.")})
        if not (self.venue_name or self.venue_city or self.online):
            raise ValidationError(_("Give a venue, or mark the seminar as online."))

    @cached_property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone or DEFAULT_TIME_ZONE)

    @property
    def local_start(self):
        return self.start.astimezone(self.tzinfo)

    @property
    def local_end(self):
        return self.end.astimezone(self.tzinfo)

    @property
    def subtitle_languages(self):
        """``[(code, label)]`` of the recording's subtitles, in the order of ``SpokenLanguage``."""
        codes = {c.strip() for c in (self.video_subtitle_languages or "").split(",") if c.strip()}
        return [(code, label) for code, label in SpokenLanguage.choices if code in codes]

    @cached_property
    def video(self):
        """The recording as a YouTube or Vimeo video that can be embedded, or ``None``."""
        return parse_video_url(self.video_url)

    @property
    def attendance_mode(self):
        """ "offline", "online" or "mixed" (schema.org's eventAttendanceMode)."""
        has_place = bool(self.venue_name or self.venue_address or self.venue_city)
        if self.online and has_place:
            return "mixed"
        return "online" if self.online else "offline"

    def talk_languages(self):
        """The distinct languages the talks are given in, in programme order."""
        languages = []
        for talk in self.programme:
            if talk.language and talk.language not in languages:
                languages.append(talk.language)
        return languages

    @property
    def is_upcoming(self):
        return self.end >= timezone.now()

    @property
    def ends_same_day(self):
        return self.local_start.date() == self.local_end.date()

    @cached_property
    def programme(self):
        """The talks in time order, each with ``speaker_page`` in this page's language."""
        return queries.programme(self)

    def speakers(self):
        """Distinct speakers of the programme, in order of first appearance."""
        seen, result = set(), []
        for talk in self.programme:
            if talk.speaker_page and talk.speaker_page.pk not in seen:
                seen.add(talk.speaker_page.pk)
                result.append(talk.speaker_page)
        return result

    def project(self):
        """The project page the seminar belongs to, or None."""
        return ProjectPage.objects.filter(path=self.path[: -self.steplen]).first()

    def calendar_url(self):
        """The address of the seminar's .ics file, under the page's own language prefix."""
        with translation.override(self.locale.language_code):
            return reverse("seminar_calendar", args=[self.pk])

    @staticmethod
    def calendar_feed_url(language_code):
        """The address of the calendar feed of every seminar in ``language_code``."""
        with translation.override(language_code):
            return reverse("seminar_calendar_feed")

    def structured_data(self, request=None):
        """schema.org data of the page (``events.jsonld``)."""
        return jsonld.seminar_data(self, request)


class SeminarTalk(TranslatableMixin, Orderable):
    """One item of a seminar's programme: a talk, a panel seat or a moderation."""

    page = ParentalKey(SeminarPage, on_delete=models.CASCADE, related_name="talks")
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("In the seminar's time zone.")
    )
    title = models.CharField(_("title"), max_length=255)
    speaker = models.ForeignKey(
        "events.SpeakerPage",
        verbose_name=_("speaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="talks_given",
        help_text=_("Choose the Polish speaker page; visitors are shown the page in their language."),
    )
    role = models.CharField(_("role"), max_length=20, choices=TalkRole.choices, default=TalkRole.PRESENTER)
    language = models.CharField(
        _("language of the talk"), max_length=5, choices=SpokenLanguage.choices, default=SpokenLanguage.POLISH
    )
    presentation = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("presentation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("role"), FieldPanel("language")]),
        FieldPanel("title"),
        SpeakerChooserPanel("speaker"),
        FieldPanel("presentation"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("talk")
        verbose_name_plural = _("talks")

    def __str__(self):
        return self.title


# --- Speakers -------------------------------------------------------------


class SpeakerIndexPage(SitePage, BaseFormsIndexed, Page):
    base_form_class = SitePageForm

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro"), BASE_FORMS]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.SpeakerPage"]
    template = "events/speaker_index_page.html"

    class Meta:
        verbose_name = _("speaker index")

    def get_context(self, request, *args, **kwargs):
        """Speakers by family name in the page language's alphabet, filtered by country and organisation."""
        context = super().get_context(request, *args, **kwargs)
        speakers = (
            public(SpeakerPage.objects.live())
            .child_of(self)
            .select_related("organisation", "photo", "locale")
            .defer("biography", "links")  # not on the cards
        )
        context.update(speaker_listing(request, speakers, self.locale))
        return context


class SpeakerPage(SitePage, BaseFormsIndexed, Page):
    """A person who spoke at a seminar. The page title is the person's full name."""

    base_form_class = SitePageForm

    family_name = models.CharField(
        _("family name"), max_length=100, help_text=_("Used to sort speakers alphabetically.")
    )
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speakers",
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt_text = models.CharField(
        _("photo alternative text"),
        max_length=255,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it. It is translated with the page."),
    )
    biography = RichTextField(_("biography"), blank=True, features=RICH_TEXT_FEATURES)
    links = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("links"),
        blank=True,
        help_text=_("The speaker's profile pages, publications and so on."),
    )

    override_translatable_fields = [SynchronizedField("family_name")]
    serve_related = ("organisation", "organisation__locale", "photo")

    content_panels = [
        TitleFieldPanel("title", heading=_("Full name"), placeholder=_("Full name")),
        FieldPanel("family_name"),
        MultiFieldPanel(
            [
                FieldPanel("job_title"),
                OrganisationChooserPanel("organisation"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
            ],
            heading=_("Role"),
        ),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")], heading=_("Photo")),
        FieldPanel("biography"),
        FieldPanel("links"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("job_title"),
        index.SearchField("biography"),
        index.SearchField("city"),
        BASE_FORMS,
        index.FilterField("country"),
    ]

    parent_page_types = ["events.SpeakerIndexPage"]
    subpage_types = []
    template = "events/speaker_page.html"

    class Meta:
        verbose_name = _("speaker")

    @cached_property
    def shown_organisation(self):
        """The organisation as visitors see it (its live version, or the live Polish one, or None).

        Listings set it for all their speakers at once (``attach_shown_organisations``).
        """
        return shown_organisation(self.organisation)

    @cached_property
    def talks(self):
        return talks_by_speaker([self], self.locale).get(self.translation_key, [])

    def talk_list(self):
        """The talks this person gave across seminars, newest first (``talks_by_speaker``), fetched once."""
        return self.talks

    def structured_data(self, request=None):
        """schema.org data of the page (``events.jsonld``)."""
        return jsonld.speaker_data(self, request)
