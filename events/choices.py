"""Fixed lists editors choose from. Values are stored; labels go through gettext."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    POLAND = "PL", _("Poland")
    NORWAY = "NO", _("Norway")
    ICELAND = "IS", _("Iceland")
    OTHER = "XX", _("Other country")


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County")
    COUNTY_GOVERNOR = "county_governor", _("County governor's office")
    UNIVERSITY = "university", _("University")
    ASSOCIATION = "association", _("Association")
    GOVERNMENT = "government", _("Government agency")
    OTHER = "other", _("Other")


class TalkRole(models.TextChoices):
    PRESENTER = "presenter", _("Presenter")
    MODERATOR = "moderator", _("Moderator")
    PANELLIST = "panellist", _("Panellist")


class SpokenLanguage(models.TextChoices):
    """The language a talk or a recording was given in (not the page's language)."""

    POLISH = "pl", _("Polish")
    NORWEGIAN = "nb", _("Norwegian")
    ICELANDIC = "is", _("Icelandic")
    ENGLISH = "en", _("English")


class SeminarTimeZone(models.TextChoices):
    WARSAW = "Europe/Warsaw", _("Poland (Europe/Warsaw)")
    OSLO = "Europe/Oslo", _("Norway (Europe/Oslo)")
    REYKJAVIK = "Atlantic/Reykjavik", _("Iceland (Atlantic/Reykjavik)")
    LONDON = "Europe/London", _("United Kingdom (Europe/London)")
    UTC = "UTC", _("UTC")


# Where a seminar's times are entered and shown unless its editor picks another zone.
DEFAULT_TIME_ZONE = SeminarTimeZone.WARSAW


class SeminarStatus(models.TextChoices):
    """Whether a seminar takes place as announced (schema.org eventStatus, iCalendar STATUS)."""

    SCHEDULED = "scheduled", _("Takes place as planned")
    RESCHEDULED = "rescheduled", _("Moved to a new date")
    POSTPONED = "postponed", _("Postponed, new date not yet known")
    CANCELLED = "cancelled", _("Cancelled")
