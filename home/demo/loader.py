"""Load the demo content: Polish pages, translated into nb, is and en with wagtail-localize.

The translations are real wagtail-localize translations: a TranslationSource
for each Polish page and snippet, a Translation per target language, and a
StringTranslation for every string, so the admin shows them as translations
that can be edited and synced later. Nothing is copied page by page.

Idempotent: when a Polish home page already exists, nothing is changed.
"""

import uuid
import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from events.models import (
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    SeminarPage,
    SeminarTalk,
    SpeakerIndexPage,
    SpeakerPage,
)
from home.models import HomePage

from . import content, media
from .content import T

SOURCE_LANGUAGE = "pl"
TARGET_LANGUAGES = ["nb", "is", "en"]


class MissingDemoTranslation(Exception):
    pass


def load(stdout=None):
    """Create the demo site unless it exists. Returns True when it created it."""
    write = stdout.write if stdout else (lambda message: None)
    if HomePage.objects.filter(locale__language_code=SOURCE_LANGUAGE).exists():
        write("Demo content is already loaded; nothing changed.")
        return False
    with transaction.atomic():
        sources = _create_polish_site()
        _translate(sources)
    write(
        f"Demo content loaded: {len(sources)} Polish pages and snippets, "
        f"translated into {', '.join(TARGET_LANGUAGES)}."
    )
    return True


# --- Polish source ------------------------------------------------------------


def _rich(paragraphs):
    return "".join(f"<p>{t.pl}</p>" for t in paragraphs)


def _block(kind, value):
    """A StreamField block in its stored (raw JSON) form."""
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _stream_body(heading, paragraphs):
    return [_block("heading", {"text": heading.pl, "level": "h2"})] + [
        _block("paragraph", f"<p>{t.pl}</p>") for t in paragraphs
    ]


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _create_polish_site():
    """Create the Polish tree; return the objects to translate, parents first."""
    locale = Locale.objects.get(language_code=SOURCE_LANGUAGE)
    organisations = {}
    for key, data in content.ORGANISATIONS.items():
        organisations[key] = Organisation.objects.create(
            locale=locale,
            name=data["name"].pl,
            kind=data["kind"],
            city=data["city"].pl,
            country=data["country"],
            website=data["website"],
        )

    root = Page.get_first_root_node()
    home = _publish(
        root,
        HomePage(
            locale=locale,
            title=content.HOME["title"].pl,
            slug=content.HOME["slug"].pl,
            intro=content.HOME["intro"].pl,
            body=_stream_body(content.HOME["body_heading"], content.HOME["body"]),
            funding=_rich(content.HOME["funding"]),
        ),
    )
    _make_site_root(home)

    speaker_index = _publish(
        home,
        SpeakerIndexPage(
            title=content.SPEAKER_INDEX["title"].pl,
            slug=content.SPEAKER_INDEX["slug"].pl,
            intro=_rich(content.SPEAKER_INDEX["intro"]),
        ),
    )
    speakers = {}
    for index, (key, data) in enumerate(content.SPEAKERS.items()):
        name = data["title"].pl
        photo = Image.objects.create(title=name, file=media.portrait(name, index))
        speakers[key] = _publish(
            speaker_index,
            SpeakerPage(
                title=name,
                slug=data["slug"].pl,
                family_name=data["family_name"],
                job_title=data["job_title"].pl,
                organisation=organisations[data["organisation"]],
                city=data["city"].pl,
                country=data["country"],
                photo=photo,
                photo_alt_text=content.photo_alt(name).pl,
                biography=_rich(data["biography"]),
            ),
        )

    project_index = _publish(
        home,
        ProjectIndexPage(
            title=content.PROJECT_INDEX["title"].pl,
            slug=content.PROJECT_INDEX["slug"].pl,
            intro=_rich(content.PROJECT_INDEX["intro"]),
        ),
    )
    data = content.PROJECT
    project = ProjectPage(
        title=data["title"].pl,
        slug=data["slug"].pl,
        summary=data["summary"].pl,
        body=_stream_body(data["body_heading"], data["body"]),
        start_date=data["start_date"],
        end_date=data["end_date"],
        funding_programme=data["funding_programme"].pl,
        contact=_rich(data["contact"]),
    )
    project.partners = [ProjectPartner(organisation=organisations[key]) for key in content.PROJECT_PARTNERS]
    _publish(project_index, project)

    seminar = _publish(project, _seminar(speakers))
    return list(organisations.values()) + [
        home,
        speaker_index,
        *speakers.values(),
        project_index,
        project,
        seminar,
    ]


def _make_site_root(home):
    """Point the default site at the Polish home page and remove Wagtail's welcome page.

    The site's address (used for canonical URLs, hreflang and the sitemap) is
    taken from WAGTAILADMIN_BASE_URL, http://127.0.0.1:8000 for ``make run``.
    """
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site is None:
        site = Site(is_default_site=True)
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = address.hostname or "localhost"
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.root_page = home
    site.save()
    if old_root is not None and old_root.specific_class is Page and old_root.pk != home.pk:
        old_root.delete()


def _seminar(speakers):
    data = content.SEMINAR
    tz = zoneinfo.ZoneInfo(data["time_zone"])
    image = Image.objects.create(title=data["title"].pl, file=media.skyline())
    gallery = []
    for kind, alt_text in data["gallery"]:
        picture = Image.objects.create(title=f"{data['title'].pl} ({kind})", file=media.gallery(kind))
        gallery.append(_block("image", {"image": picture.pk, "alt_text": alt_text.pl, "decorative": False}))
    seminar = SeminarPage(
        title=data["title"].pl,
        slug=data["slug"].pl,
        theme=data["theme"].pl,
        summary=data["summary"].pl,
        start=timezone.make_aware(data["start"], tz),
        end=timezone.make_aware(data["end"], tz),
        time_zone=data["time_zone"],
        venue_name=data["venue_name"].pl,
        venue_address=data["venue_address"],
        venue_city=data["venue_city"].pl,
        venue_country=data["venue_country"],
        online=data["online"],
        image=image,
        image_alt_text=data["image_alt_text"].pl,
        video_url=data["video_url"],
        video_language=data["video_language"],
        report=_stream_body(data["report_heading"], data["report"]),
        full_report_title=data["full_report_title"].pl,
        full_report_url=data["full_report_url"],
        gallery=gallery,
    )
    talks = []
    for index, talk in enumerate(data["talks"]):
        speaker = speakers[talk["speaker"]]
        pdf = media.presentation_pdf(talk["title"].pl, speaker.title, index)
        document = Document.objects.create(
            title=f"{speaker.title}: {talk['title'].pl}",
            file=File(pdf, name=f"presentation-{speaker.slug}.pdf"),
        )
        talks.append(
            SeminarTalk(
                start_time=talk["start_time"],
                title=talk["title"].pl,
                speaker=speaker,
                role=talk["role"],
                language=talk["language"],
                presentation=document,
            )
        )
    seminar.talks = talks
    return seminar


# --- Translations ---------------------------------------------------------------


def _all_texts():
    """Every T in the content module, found by walking its data structures."""
    found = []

    def walk(value):
        if isinstance(value, T):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for name in dir(content):
        if name.isupper():
            walk(getattr(content, name))
    for data in content.SPEAKERS.values():
        found.append(content.photo_alt(data["title"].pl))
    return found


def translation_table():
    """``{polish text: T}``; fails if one Polish text has two different translations."""
    table = {}
    for text in _all_texts():
        if table.get(text.pl, text) != text:
            raise ValueError(f"Two different translations of {text.pl!r}")
        table[text.pl] = text
    return table


def _translate(sources):
    """Submit every source to wagtail-localize, fill in its strings, publish."""
    targets = list(Locale.objects.filter(language_code__in=TARGET_LANGUAGES))
    creator = TranslationCreator(user=None, target_locales=targets)
    for instance in sources:
        creator.create_translations(instance)

    table = translation_table()
    translations = (
        Translation.objects.filter(source__in=list(creator.mappings))
        .select_related("source", "target_locale")
        .order_by("pk")
    )
    for translation in translations:
        code = translation.target_locale.language_code
        for segment in translation.source.stringsegment_set.select_related("string", "context"):
            text = table.get(segment.string.data)
            if text is None:
                raise MissingDemoTranslation(
                    f"No {code} translation for {segment.string.data!r} ({segment.context.path})"
                )
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=translation.target_locale,
                context=segment.context,
                defaults={
                    "data": text[code],
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
        translation.save_target(publish=True)
