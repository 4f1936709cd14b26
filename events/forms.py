"""Admin forms.

A seminar's start and end are stored in UTC but entered and shown in the
seminar's own time zone (Europe/Warsaw unless the editor picks another), not in
the editor's browser or account time zone: "10:00" on a seminar in Oslo means
10:00 in Oslo whoever types it.

The languages of the recording's subtitles are stored as comma-separated
codes and chosen with check boxes.
"""

import zoneinfo
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.widgets import AdminSnippetChooser

from home.forms import SitePageForm

from .choices import DEFAULT_TIME_ZONE, SeminarStatus, SpokenLanguage

DATETIME_FIELDS = ("start", "end")
SUBTITLES = "video_subtitle_languages"


class SeminarPageForm(SitePageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tz = self._seminar_tz(self.instance.time_zone)
        for name in DATETIME_FIELDS:
            value = getattr(self.instance, name, None)
            if name in self.fields and value is not None and not self.is_bound:
                # A naive wall-clock time, which the widget renders unchanged.
                self.initial[name] = timezone.make_naive(value, tz)
        if "status" in self.fields:
            # Left out (an older form, a script), the seminar takes place as planned.
            self.fields["status"].required = False
        if SUBTITLES in self.fields:
            old = self.fields[SUBTITLES]
            self.fields[SUBTITLES] = forms.MultipleChoiceField(
                label=old.label,
                help_text=old.help_text,
                required=False,
                choices=SpokenLanguage.choices,
                widget=forms.CheckboxSelectMultiple,
            )
            if not self.is_bound:
                stored = getattr(self.instance, SUBTITLES, "") or ""
                self.initial[SUBTITLES] = [c for c in stored.split(",") if c]

    @staticmethod
    def _seminar_tz(name):
        try:
            return zoneinfo.ZoneInfo(name or DEFAULT_TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)

    def clean(self):
        cleaned = super().clean()
        tz = self._seminar_tz(cleaned.get("time_zone"))
        current = timezone.get_current_timezone()
        for name in DATETIME_FIELDS:
            value = cleaned.get(name)
            if value is not None:
                # Django read the input in the current time zone; reinterpret the
                # same wall-clock time in the seminar's time zone.
                naive = timezone.make_naive(value, current)
                cleaned[name] = timezone.make_aware(naive, tz)
        if "status" in self.fields and not cleaned.get("status"):
            cleaned["status"] = SeminarStatus.SCHEDULED
        if SUBTITLES in cleaned:
            chosen = cleaned.get(SUBTITLES) or []
            cleaned[SUBTITLES] = ",".join(code for code, _label in SpokenLanguage.choices if code in chosen)
        return cleaned


class SpeakerChooser(AdminPageChooser):
    """Choose a speaker starting in the speakers' index of the source-language tree.

    Wagtail opens a page chooser at the common ancestor of all pages of the chosen type, which
    with four language trees is the root: three clicks before the first speaker. Seminars are
    written in Polish (their translations map the speakers), so the chooser opens where the
    Polish speakers live.
    """

    def __init__(self, **kwargs):
        super().__init__(target_models=["events.SpeakerPage"], **kwargs)

    def get_js_init_options(self, id_, name, value_data):
        options = super().get_js_init_options(id_, name, value_data)
        if "parentId" not in options:
            from wagtail.models import Locale

            from .models import SpeakerIndexPage

            index = SpeakerIndexPage.objects.filter(locale=Locale.get_default()).only("pk").first()
            if index is not None:
                options["parentId"] = index.pk
        return options


class SpeakerChooserPanel(FieldPanel):
    """A FieldPanel with ``SpeakerChooser`` (built when the form is, after the models are loaded)."""

    def get_form_options(self):
        options = super().get_form_options()
        if "fields" in options:
            options["widgets"] = {**options.get("widgets", {}), self.field_name: SpeakerChooser()}
        return options


class OrganisationChooser(AdminSnippetChooser):
    """Choose an organisation among those of the source language (Polish).

    Wagtail's snippet chooser lists every language's version of every organisation; pages are
    written in Polish and their translations map the organisation to its own language, so the
    chooser opens filtered to Polish (the filter stays available to change).
    """

    def __init__(self, **kwargs):
        from .models import Organisation

        super().__init__(Organisation, **kwargs)

    def get_chooser_modal_url(self):
        from wagtail.models import Locale

        return (
            f"{super().get_chooser_modal_url()}?{urlencode({'locale': Locale.get_default().language_code})}"
        )


class OrganisationChooserPanel(FieldPanel):
    """A FieldPanel with ``OrganisationChooser`` (built when the form is, after the models are loaded)."""

    def get_form_options(self):
        options = super().get_form_options()
        if "fields" in options:
            options["widgets"] = {**options.get("widgets", {}), self.field_name: OrganisationChooser()}
        return options
