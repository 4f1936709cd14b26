"""Helpers for the event tests: extra seminars made through the ORM and wagtail-localize.

``make_seminar`` creates a Polish seminar under the demo project, publishes it
and translates it with wagtail-localize's TranslationCreator (every string
prefixed with the target language, like ``[nb] ...``), as the demo loader does.
"""

import datetime
import zoneinfo

import pytest
from django.test import TestCase
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from events.models import ProjectPage, SeminarPage, SeminarTalk, SpeakerPage

pytestmark = pytest.mark.django_db


def speaker(family_name, language="pl"):
    return SpeakerPage.objects.get(locale__language_code=language, family_name=family_name)


def make_seminar(
    slug,
    start,
    end,
    time_zone="Europe/Warsaw",
    online_only=False,
    talks=(),
    translate_to=("nb",),
    **fields,
):
    """A published Polish seminar, translated into ``translate_to``.

    ``start`` and ``end`` are naive wall-clock times in ``time_zone``; ``talks``
    are ``(time, family name, language)``.
    """
    tz = zoneinfo.ZoneInfo(time_zone)
    project = ProjectPage.objects.get(locale__language_code="pl")
    place = {}
    if not online_only:
        place = {
            "venue_name": "Ratusz",
            "venue_address": "Rynek 1, 45-015 Opole",
            "venue_city": "Opole",
            "venue_country": "PL",
        }
    seminar = SeminarPage(
        title=f"Seminarium {slug}",
        slug=slug,
        summary=f"Opis seminarium {slug}.",
        start=datetime.datetime.combine(start.date(), start.time(), tz),
        end=datetime.datetime.combine(end.date(), end.time(), tz),
        time_zone=time_zone,
        online=online_only or fields.pop("online", False),
        online_url="https://meet.example.org/seminar" if online_only else "",
        **place,
        **fields,
    )
    seminar.talks = [
        SeminarTalk(start_time=time, title=f"Wystąpienie {i}", speaker=speaker(name), language=language)
        for i, (time, name, language) in enumerate(talks, start=1)
    ]
    project.add_child(instance=seminar)
    seminar.save_revision().publish()
    if translate_to:
        translate(seminar, translate_to)
    return seminar


def translate(instance, languages):
    targets = list(Locale.objects.filter(language_code__in=languages))
    creator = TranslationCreator(user=None, target_locales=targets)
    creator.create_translations(instance)
    for translation in Translation.objects.filter(source__in=list(creator.mappings)).select_related(
        "source", "target_locale"
    ):
        code = translation.target_locale.language_code
        for segment in translation.source.stringsegment_set.select_related("string", "context"):
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=translation.target_locale,
                context=segment.context,
                defaults={"data": f"[{code}] {segment.string.data}"},
            )
        # wagtail-localize publishes on commit; tests run in a transaction that never commits.
        with TestCase.captureOnCommitCallbacks(execute=True):
            translation.save_target(publish=True)


def dst_seminar():
    """Overnight across the spring change in Poland (2025-03-30, 02:00 → 03:00)."""
    return make_seminar(
        "zmiana-czasu",
        datetime.datetime(2025, 3, 29, 20, 0),
        datetime.datetime(2025, 3, 30, 9, 0),
        talks=[
            (datetime.time(20, 0), "Ozimek", "pl"),
            (datetime.time(21, 0), "Paulsen", "en"),
        ],
    )


def online_seminar():
    """Online only, in Reykjavik, with talks in three languages."""
    return make_seminar(
        "online",
        datetime.datetime(2030, 10, 3, 9, 0),
        datetime.datetime(2030, 10, 3, 12, 0),
        time_zone="Atlantic/Reykjavik",
        online_only=True,
        talks=[
            (datetime.time(9, 0), "Øien", "nb"),
            (datetime.time(10, 0), "Figurski", "pl"),
            (datetime.time(11, 0), "Torjussen", "en"),
        ],
        translate_to=("nb", "is", "en"),
    )


def test_make_seminar_translates_and_publishes():
    seminar = dst_seminar()
    nb = seminar.get_translation(Locale.objects.get(language_code="nb"))
    assert nb.live
    assert nb.title == f"[nb] {seminar.title}"
    assert nb.start == seminar.start
    assert [t.language for t in nb.programme] == ["pl", "en"]
