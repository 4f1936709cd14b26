"""Site-wide template tags: the language switcher and the main navigation."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page, Site
from wagtail.templatetags.wagtailcore_tags import pageurl

from events.models import ProjectIndexPage, SpeakerIndexPage
from home.models import AccessibilityStatementPage
from home.text import plain_text

register = template.Library()


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_fallback: bool
    fallback_title: str = ""

    @property
    def switch_url(self):
        """The link for the switcher: remembers the choice (a cookie), then goes to ``url``."""
        return reverse("switch_language", args=[self.code]) + "?" + urlencode({"next": self.url})


# Open Graph wants territory-qualified locales.
OG_LOCALES = {"pl": "pl_PL", "nb": "nb_NO", "is": "is_IS", "en": "en_GB"}


def live_translations(page):
    """``{language code: page}`` for the page's live translations, itself included.

    Cached on the page object, so the switcher and the head share one query.
    """
    if page is None or page.depth <= 1:
        return {}
    if not hasattr(page, "_live_translations"):
        page._live_translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    return page._live_translations


@register.simple_tag
def page_language(page=None):
    """The language of the page's content: its own, or for an untranslated alias its original's.

    Without a page (search, error pages) it is the interface language.
    """
    if page is None:
        return translation.get_language()
    shown = page.alias_of if page.alias_of_id else page
    return shown.locale.language_code or page.locale.language_code


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """One link per language, to ``page`` in that language.

    Where the page has no live translation, the link goes to its nearest
    ancestor that has one (or to that language's home) and is marked as a
    fallback. Costs two queries whatever the number of languages.
    """
    request = context.get("request")
    if page is None and context.get("switch_to_same_view") and request is not None:
        return _same_view_links(request)
    current = page.locale.language_code if page is not None else translation.get_language()
    targets = live_translations(page)
    missing = [code for code, _name in settings.LANGUAGES if code not in targets]
    fallbacks = {}
    if page is not None and missing:
        ancestors = list(page.get_ancestors().filter(depth__gt=1).values_list("translation_key", flat=True))
        depth_of = {key: i for i, key in enumerate(ancestors)}
        candidates = (
            Page.objects.live()
            .filter(translation_key__in=ancestors, locale__language_code__in=missing)
            .select_related("locale")
        )
        for candidate in candidates:
            code = candidate.locale.language_code
            best = fallbacks.get(code)
            if best is None or depth_of[candidate.translation_key] > depth_of[best.translation_key]:
                fallbacks[code] = candidate

    links = []
    for code, name in settings.LANGUAGES:
        target = targets.get(code)
        is_fallback = target is None and page is not None
        if target is None:
            target = fallbacks.get(code)
        url = target.get_url(request) if target is not None else f"/{code}/"
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url,
                is_current=code == current,
                is_fallback=is_fallback,
                fallback_title=target.title if (is_fallback and target is not None) else "",
            )
        )
    return links


def _same_view_links(request):
    """Links to the same non-page view (search, for instance) in every language, query kept."""
    current = translation.get_language()
    return [
        LanguageLink(
            code=code,
            name=name,
            url=translate_url(request.get_full_path(), code),
            is_current=code == current,
            is_fallback=False,
        )
        for code, name in settings.LANGUAGES
    ]


@dataclass
class Navigation:
    home: Page | None
    projects: Page | None
    speakers: Page | None
    accessibility: Page | None = None


@register.simple_tag(takes_context=True)
def site_navigation(context, page=None):
    """The home, project index, speaker index and accessibility statement pages in the current language.

    One query, which also fetches the page's ancestors for the breadcrumbs. Without a live home
    page in that language, the site's own (Polish) home and its children.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return Navigation(None, None, None)
    root = site.root_page
    locale_id = page.locale_id if page is not None else Locale.get_active().pk
    kinds = (ProjectIndexPage, SpeakerIndexPage, AccessibilityStatementPage)
    indexes = [ContentType.objects.get_for_model(m).pk for m in kinds]
    navigation = Q(live=True, locale_id__in={locale_id, root.locale_id}) & (
        Q(translation_key=root.translation_key) | Q(depth=root.depth + 1, content_type__in=indexes)
    )
    # The page's ancestors (for the breadcrumbs) come with the same query.
    step = Page.steplen
    ancestors = [page.path[:end] for end in range(2 * step, len(page.path), step)] if page is not None else []
    found = list(Page.objects.filter(navigation | Q(path__in=ancestors)).order_by("path"))
    if page is not None:
        page._breadcrumb_ancestors = [p for p in found if p.path in ancestors]
    candidates = [p for p in found if p.live and p.locale_id in {locale_id, root.locale_id}]
    homes = {p.locale_id: p for p in candidates if p.translation_key == root.translation_key}
    home = homes.get(locale_id) or homes.get(root.locale_id) or root
    children = [p for p in candidates if p.depth == home.depth + 1 and p.path.startswith(home.path)]

    def first(model):
        kind = ContentType.objects.get_for_model(model).pk
        return next((p for p in children if p.content_type_id == kind), None)

    return Navigation(
        home=home,
        projects=first(ProjectIndexPage),
        speakers=first(SpeakerIndexPage),
        accessibility=first(AccessibilityStatementPage),
    )


@register.inclusion_tag("components/nav_link.html", takes_context=True)
def nav_link(context, page, target, label, css_class=""):
    """A link of the site's menus to ``target``, marked as the current page or the current section.

    ``aria-current="page"`` on ``target`` itself, ``"true"`` on the pages below it.
    """
    current = ""
    if page:
        if page.pk == target.pk:
            current = "page"
        elif page.url_path.startswith(target.url_path):
            current = "true"
    return {"url": pageurl(context, target), "label": label, "css_class": css_class, "current": current}


@register.simple_tag
def document_title(page):
    """The <title>: the page's SEO title or title, then the site's name (unless that is the title)."""
    site_name = gettext("Bilateral Initiative 2024–2025")
    title = (page.seo_title or page.title) if page else ""
    if not title or title == site_name:
        return site_name
    return f"{title} – {site_name}"


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's ancestors below the tree's root (its language's home first), fetched with the navigation."""
    found = getattr(page, "_breadcrumb_ancestors", None)
    return found if found is not None else list(page.get_ancestors()[1:])


@dataclass
class Alternate:
    hreflang: str
    url: str
    og_locale: str


@register.simple_tag(takes_context=True)
def alternate_links(context, page=None):
    """Absolute URLs of every live translation of ``page`` (itself included) and x-default.

    x-default is the Polish source, the site's default language.
    """
    request = context.get("request")
    versions = live_translations(page)
    alternates = [
        Alternate(code, versions[code].get_full_url(request), OG_LOCALES.get(code, code))
        for code, _name in settings.LANGUAGES
        if code in versions
    ]
    if settings.LANGUAGE_CODE in versions:
        default = versions[settings.LANGUAGE_CODE]
        alternates.append(Alternate("x-default", default.get_full_url(request), ""))
    return alternates


@register.simple_tag
def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code)


# Rich text as plain text, for attributes such as descriptions.
register.filter("plain_text", plain_text)
