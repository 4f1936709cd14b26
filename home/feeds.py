"""Atom feed of the seminars, one per language: ``/<language>/feeds/seminars.atom``."""

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Site

from events.models import SeminarPage

from .pages import public

FEED_LENGTH = 50


class SeminarFeed(Feed):
    feed_type = Atom1Feed
    title = _("Seminars of the Bilateral Initiative 2024–2025")
    subtitle = _("Seminars of Polish, Norwegian and Icelandic local governments, newest first.")

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return Locale.get_active()

    def link(self, locale):
        site = Site.find_for_request(self.request)
        home = site.root_page.get_translation_or_none(locale) if site else None
        return home.get_url(self.request) if home else f"/{locale.language_code}/"

    def items(self, locale):
        return (
            public(SeminarPage.objects.live())
            .filter(locale=locale)
            .select_related("locale")
            .order_by("-start")[:FEED_LENGTH]
        )

    def item_title(self, seminar):
        return seminar.title

    def item_description(self, seminar):
        return seminar.summary

    def item_link(self, seminar):
        return seminar.get_url(self.request)

    def item_guid(self, seminar):
        return seminar.get_full_url(self.request)

    def item_pubdate(self, seminar):
        return seminar.first_published_at

    def item_updateddate(self, seminar):
        return seminar.last_published_at

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        return response
