"""Load the demo content: Polish pages, translated into nb, is and en with wagtail-localize.

The translations are real wagtail-localize translations: a TranslationSource
for each Polish page and snippet, a Translation per target language, and a
StringTranslation for every string, so the admin shows them as translations
that can be edited and synced later. Nothing is copied page by page.

``load()`` brings the database to ``content.py``, whatever it holds:

* on an empty database it creates the site;
* on a database loaded from an earlier version of the demo it changes what
  differs (texts, slugs, dates, links, the rows of inline panels) and syncs the
  translations of what changed. Pages are found under their parent by their
  slug or one of their ``former_slugs``, organisations by their name or website.
  Wagtail redirects the addresses of renamed pages;
* when nothing differs it writes nothing: no revision, no string, no source.

It never deletes anything, and it leaves alone what someone has changed in the
admin: a Polish page whose latest revision has a user, an organisation changed
since its last translation sync, a string a translator has edited, a stopped
translation (it says so). Images and documents are made once, with their page.
"""

import json
import uuid
import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.documents.models import Document
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

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
from home.models import AccessibilityStatementPage, HomePage

from . import content, media
from .content import T

SOURCE_LANGUAGE = "pl"
TARGET_LANGUAGES = ["nb", "is", "en"]

# Serialised fields that change without the content changing (tree position, revisions,
# publication): a difference in them alone does not make a translation out of date.
BOOKKEEPING_FIELDS = {
    "path",
    "depth",
    "numchild",
    "url_path",
    "draft_title",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "expired",
    "go_live_at",
    "expire_at",
}


class MissingDemoTranslation(Exception):
    pass


def load(stdout=None):
    """Bring the demo site to ``content.py``. Returns True when it changed anything."""
    write = stdout.write if stdout else (lambda message: None)
    run = _Run()
    with transaction.atomic():
        run.polish_site()
        run.translate()
    if run.created_site:
        write(
            f"Demo content loaded: {len(run.sources)} Polish pages and snippets, "
            f"translated into {', '.join(TARGET_LANGUAGES)}."
        )
    elif run.changes:
        write("Demo content updated:\n" + "\n".join(f"  {change}" for change in run.changes))
    else:
        write("Demo content is already loaded and current; nothing changed.")
    for note in run.kept:
        write(f"Left as edited in the admin: {note}")
    return bool(run.changes)


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


def _stream_items(raw):
    return [(block["type"], block["value"]) for block in raw]


def _same(current, wanted):
    if isinstance(current, models.Model) or isinstance(wanted, models.Model):
        return getattr(current, "pk", current) == getattr(wanted, "pk", wanted)
    return current == wanted


def _assign(obj, values):
    """Set the fields of ``obj`` that differ from ``values``; return their names.

    StreamFields are compared block by block without their ids, and a changed
    StreamField keeps the ids of the blocks that stay in place (wagtail-localize
    keys a block's strings by its id).
    """
    changed = []
    for name, wanted in values.items():
        current = getattr(obj, name)
        if isinstance(obj._meta.get_field(name), StreamField):
            old = list(current.raw_data)
            if _stream_items(old) == _stream_items(wanted):
                continue
            wanted = [
                {**block, "id": old[i]["id"]} if i < len(old) and old[i]["type"] == block["type"] else block
                for i, block in enumerate(wanted)
            ]
        elif _same(current, wanted):
            continue
        setattr(obj, name, wanted)
        changed.append(name)
    return changed


def _content(data):
    """Serialised content (a dict) without the bookkeeping fields."""
    return {key: value for key, value in data.items() if key not in BOOKKEEPING_FIELDS}


def _serialised(instance):
    if isinstance(instance, ClusterableModel):
        return json.loads(instance.to_json())
    return json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder))


def _out_of_date(source, instance):
    """Whether ``instance``'s content differs from what its TranslationSource holds."""
    return _content(_serialised(instance)) != _content(json.loads(source.content_json))


class _Run:
    """One run of the loader: what it found, changed and left alone."""

    def __init__(self):
        self.locale = Locale.objects.get(language_code=SOURCE_LANGUAGE)
        self.sources = []  # Polish objects to translate, parents first
        self.changes = []
        self.kept = []
        self.created_site = False

    # Organisations (snippets) ------------------------------------------------

    def organisation(self, data):
        fields = {
            "name": data["name"].pl,
            "kind": data["kind"],
            "city": data["city"].pl,
            "country": data["country"],
            "website": data["website"],
        }
        candidates = Organisation.objects.filter(locale=self.locale).filter(
            Q(name=fields["name"]) | Q(website=fields["website"])
        )
        found = sorted(candidates, key=lambda org: (org.name != fields["name"], org.pk))
        if not found:
            organisation = Organisation(locale=self.locale, **fields)
            organisation.save()
            # Organisations have drafts: the demo's are published, with a first revision.
            organisation.save_revision().publish()
            self.changes.append(f"organisation „{organisation.name}” created")
            self.sources.append(organisation)
            return organisation
        organisation = found[0]
        revision = organisation.latest_revision
        source = TranslationSource.objects.get_for_instance_or_none(organisation)
        if (revision is not None and revision.user_id is not None) or (
            source is not None and _out_of_date(source, organisation)
        ):
            # Saved or published in the admin (a revision with a user), or changed since its
            # last sync before organisations had revisions.
            self.kept.append(f"organisation „{organisation.name}”")
            return organisation
        changed = _assign(organisation, fields)
        if changed:
            organisation.save_revision().publish()
            self.changes.append(f"organisation „{organisation.name}”: {', '.join(changed)}")
        self.sources.append(organisation)
        return organisation

    # Pages --------------------------------------------------------------------

    def find(self, parent, model, data, single=False):
        """The Polish page of ``data`` under ``parent``: by its slug, then a former one."""
        pages = model.objects.child_of(parent).filter(locale=self.locale)
        for slug in [data["slug"].pl, *data.get("former_slugs", [])]:
            page = pages.filter(slug=slug).first()
            if page is not None:
                return page
        return pages.order_by("path").first() if single else None

    def page(self, parent, model, data, fields, children=(), single=False):
        """Create the page of ``data`` under ``parent``, or bring it to ``fields``.

        ``fields(page)`` gives the field values (``page`` is None when creating,
        so that images are made only then); ``children`` lists the inline rows as
        ``(relation, rows, make)``: existing rows are updated in place (they keep
        their translation keys), missing ones made with ``make(index, row)``.
        """
        page = self.find(parent, model, data, single)
        if page is None:
            page = model(locale=self.locale, **fields(None))
            for relation, rows, make in children:
                setattr(page, relation, [_ordered(make(index, row), index) for index, row in enumerate(rows)])
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.changes.append(f"{model._meta.verbose_name} „{page.title}” created")
            self.sources.append(page)
            return page
        revision = page.latest_revision
        if revision is not None and revision.user_id is not None:
            self.kept.append(f"{model._meta.verbose_name} „{page.title}” ({page.url_path})")
            return page
        before = page.title
        changed = _assign(page, fields(page))
        for relation, rows, make in children:
            if self.rows(page, relation, rows, make):
                changed.append(relation)
        if changed:
            page.save_revision().publish()
            self.changes.append(f"{model._meta.verbose_name} „{before}”: {', '.join(changed)}")
        self.sources.append(page)
        return page

    @staticmethod
    def rows(page, relation, rows, make):
        # Rows made before they had a sort order (all None) are in the order they were made.
        current = sorted(
            getattr(page, relation).all(),
            key=lambda child: (child.sort_order is None, child.sort_order or 0, child.pk or 0),
        )
        changed = len(current) > len(rows)
        wanted = []
        for index, row in enumerate(rows):
            if index < len(current):
                child = current[index]
                changed = bool(_assign(child, {**row, "sort_order": index})) or changed
            else:
                child = _ordered(make(index, row), index)
                changed = True
            wanted.append(child)
        if changed:
            setattr(page, relation, wanted)
        return changed

    # Translations -------------------------------------------------------------

    def translate(self):
        """Sync every Polish object's translations: its source, its strings, its targets.

        A target is saved only when it is missing, its source changed or one of its
        strings did. Missing target pages are all made (as drafts) before any is
        published: wagtail-localize publishes a page when the transaction commits,
        with the tree counts the page had when it was saved, so a page must not get
        a new child after that.
        """
        targets = list(Locale.objects.filter(language_code__in=TARGET_LANGUAGES))
        table = translation_table()
        to_publish = []
        for instance in self.sources:
            instance = type(instance).objects.get(pk=instance.pk)
            source, source_changed = TranslationSource.get_or_create_from_instance(instance)
            if not source_changed and _out_of_date(source, instance):
                source.update_from_db()
                source_changed = True
            for locale in targets:
                translation, created = Translation.objects.get_or_create(
                    source=source, target_locale=locale, defaults={"enabled": True}
                )
                if not translation.enabled:
                    self.kept.append(f"{instance} ({locale.language_code}): translation stopped")
                    continue
                strings_changed = self.fill_strings(translation, table)
                missing = not _has_target(source, locale)
                if not (created or source_changed or strings_changed or missing):
                    continue
                if not isinstance(instance, Page):
                    translation.save_target()
                    to_publish.append(None)
                    continue
                if missing:
                    translation.save_target(publish=False)
                to_publish.append(translation)
        for translation in filter(None, to_publish):
            translation.save_target(publish=True)
        if to_publish and not self.created_site:
            self.changes.append(f"translations synced: {len(to_publish)}")

    def fill_strings(self, translation, table):
        """Write the translation of every string of ``translation``; True if any changed."""
        code = translation.target_locale.language_code
        existing = {
            (string.translation_of_id, string.context_id): string
            for string in StringTranslation.objects.filter(
                locale=translation.target_locale, context__object_id=translation.source.object_id
            )
        }
        changed = False
        for segment in translation.source.stringsegment_set.select_related("string", "context"):
            text = table.get(segment.string.data)
            if text is None:
                raise MissingDemoTranslation(
                    f"No {code} translation for {segment.string.data!r} ({segment.context.path})"
                )
            string = existing.get((segment.string_id, segment.context_id))
            if string is None:
                StringTranslation.objects.create(
                    translation_of=segment.string,
                    locale=translation.target_locale,
                    context=segment.context,
                    data=text[code],
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                )
            elif string.data == text[code]:
                continue
            elif string.last_translated_by_id is not None:
                self.kept.append(f"{code} translation of {segment.string.data!r}")
                continue
            else:
                string.data = text[code]
                string.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
                string.save()
            changed = True
        return changed

    # The site ---------------------------------------------------------------

    def polish_site(self):
        organisations = {key: self.organisation(data) for key, data in content.ORGANISATIONS.items()}

        data = content.HOME
        root = Page.get_first_root_node()
        created = not HomePage.objects.filter(locale=self.locale).exists()
        home = self.page(
            root,
            HomePage,
            data,
            lambda page: {
                "title": data["title"].pl,
                "slug": data["slug"].pl,
                "intro": data["intro"].pl,
                "body": _stream_body(data["body_heading"], data["body"]),
                "funding": _rich(data["funding"]),
            },
            single=True,
        )
        if created:
            _make_site_root(home)
            self.created_site = True

        data = content.SPEAKER_INDEX
        speaker_index = self.page(home, SpeakerIndexPage, data, lambda page: _index_fields(data), single=True)
        speakers = {
            key: self.page(
                speaker_index,
                SpeakerPage,
                data,
                _speaker_fields(data, index, organisations[data["organisation"]]),
            )
            for index, (key, data) in enumerate(content.SPEAKERS.items())
        }

        data = content.PROJECT_INDEX
        project_index = self.page(home, ProjectIndexPage, data, lambda page: _index_fields(data), single=True)
        data = content.PROJECT
        project = self.page(
            project_index,
            ProjectPage,
            data,
            lambda page: {
                "title": data["title"].pl,
                "slug": data["slug"].pl,
                "summary": data["summary"].pl,
                "body": _stream_body(data["body_heading"], data["body"]),
                "start_date": data["start_date"],
                "end_date": data["end_date"],
                "funding_programme": data["funding_programme"].pl,
                "contact": _rich(data["contact"]),
            },
            children=[
                (
                    "partners",
                    [{"organisation": organisations[key]} for key in content.PROJECT_PARTNERS],
                    lambda index, row: ProjectPartner(**row),
                )
            ],
        )

        data = content.ACCESSIBILITY
        self.page(home, AccessibilityStatementPage, data, _statement_fields, single=True)

        data = content.SEMINAR
        self.page(
            project,
            SeminarPage,
            data,
            _seminar_fields,
            children=[("talks", [_talk_row(talk, speakers) for talk in data["talks"]], _new_talk)],
        )


def _ordered(child, index):
    """An inline row with its place: without one, the database may return rows in any order."""
    child.sort_order = index
    return child


def _index_fields(data):
    return {"title": data["title"].pl, "slug": data["slug"].pl, "intro": _rich(data["intro"])}


def _speaker_fields(data, index, organisation):
    def fields(page):
        name = data["title"].pl
        values = {
            "title": name,
            "slug": data["slug"].pl,
            "family_name": data["family_name"],
            "job_title": data["job_title"].pl,
            "organisation": organisation,
            "city": data["city"].pl,
            "country": data["country"],
            "photo_alt_text": content.photo_alt(name).pl,
            "biography": _rich(data["biography"]),
        }
        if page is None:
            values["photo"] = Image.objects.create(title=name, file=media.portrait(name, index))
        return values

    return fields


def _statement_fields(page):
    data = content.ACCESSIBILITY
    return {
        "title": data["title"].pl,
        "slug": data["slug"].pl,
        "entity_name": data["entity_name"].pl,
        "published_on": data["published_on"],
        "updated_on": data["updated_on"],
        "compliance": data["compliance"],
        "known_limitations": _rich(data["known_limitations"]),
        "prepared_on": data["prepared_on"],
        "reviewed_on": data["reviewed_on"],
        "assessment": data["assessment"],
        "contact_name": data["contact_name"].pl,
        "contact_email": data["contact_email"],
        "contact_phone": data["contact_phone"],
        "postal_address": data["postal_address"],
        "enforcement_procedure": _rich(data["enforcement_procedure"]),
        "architectural_accessibility": _rich(data["architectural_accessibility"]),
    }


def _seminar_fields(page):
    data = content.SEMINAR
    tz = zoneinfo.ZoneInfo(data["time_zone"])
    values = {
        "title": data["title"].pl,
        "slug": data["slug"].pl,
        "theme": data["theme"].pl,
        "summary": data["summary"].pl,
        "start": timezone.make_aware(data["start"], tz),
        "end": timezone.make_aware(data["end"], tz),
        "time_zone": data["time_zone"],
        "venue_name": data["venue_name"].pl,
        "venue_address": data["venue_address"],
        "venue_city": data["venue_city"].pl,
        "venue_country": data["venue_country"],
        "online": data["online"],
        "image_alt_text": data["image_alt_text"].pl,
        "video_url": data["video_url"],
        "video_language": data["video_language"],
        "report": _stream_body(data["report_heading"], data["report"]),
        "full_report_title": data["full_report_title"].pl,
        "full_report_url": data["full_report_url"],
    }
    if page is None:
        values["image"] = Image.objects.create(title=data["title"].pl, file=media.skyline())
    # The gallery keeps the pictures it has; only missing ones are drawn.
    current = list(page.gallery.raw_data) if page is not None else []
    gallery = []
    for index, (kind, alt_text) in enumerate(data["gallery"]):
        if index < len(current) and current[index]["type"] == "image":
            picture = current[index]["value"]["image"]
        else:
            picture = Image.objects.create(title=f"{data['title'].pl} ({kind})", file=media.gallery(kind)).pk
        gallery.append(_block("image", {"image": picture, "alt_text": alt_text.pl, "decorative": False}))
    values["gallery"] = gallery
    return values


def _talk_row(talk, speakers):
    return {
        "start_time": talk["start_time"],
        "title": talk["title"].pl,
        "speaker": speakers[talk["speaker"]],
        "role": talk["role"],
        "language": talk["language"],
    }


def _new_talk(index, row):
    speaker = row["speaker"]
    pdf = media.presentation_pdf(row["title"], speaker.title, index)
    document = Document.objects.create(
        title=f"{speaker.title}: {row['title']}",
        file=File(pdf, name=f"presentation-{speaker.slug}.pdf"),
    )
    return SeminarTalk(**row, presentation=document)


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


def _has_target(source, locale):
    try:
        source.get_translated_instance(locale)
    except models.ObjectDoesNotExist:
        return False
    return True
