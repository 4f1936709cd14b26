"""The sync cycle for every page type and for the translatable snippet.

Change one translatable field of the Polish source, publish, sync into nb:
every other string keeps its translation, the changed one is flagged (the
report says out of date), nothing untranslated reaches visitors; translate it
and the translation is current again.
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail_localize.models import StringSegment, StringTranslation

from events.models import (
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    SeminarPage,
    SpeakerIndexPage,
    SpeakerPage,
)
from home.models import AccessibilityStatementPage, HomePage
from translations.report import OUT_OF_DATE, UP_TO_DATE
from translations.services import sync_translations

from .translation_helpers import locale, report_row, translation_for

pytestmark = pytest.mark.django_db

# (model, a plain-text translatable field to change)
CASES = [
    (HomePage, "intro"),
    (ProjectIndexPage, "title"),
    (ProjectPage, "summary"),
    (SeminarPage, "summary"),
    (SpeakerIndexPage, "title"),
    (SpeakerPage, "job_title"),
    (Organisation, "name"),
    (AccessibilityStatementPage, "contact_name"),
]


def untranslated(translation):
    segments = StringSegment.objects.filter(source=translation.source)
    return [
        s.string.data
        for s in segments.annotate_translation(translation.target_locale).select_related("string")
        if s.translation is None
    ]


@pytest.mark.parametrize(("model", "field"), CASES, ids=[m.__name__ for m, _f in CASES])
def test_edit_sync_translate(model, field, django_capture_on_commit_callbacks):
    user = get_user_model().objects.create_superuser("coordinator", password="pw")
    source_object = model.objects.filter(locale__language_code="pl").first()
    translation = translation_for(source_object, "nb")
    nb_object = translation.get_target_instance()
    kept_before = StringTranslation.objects.filter(
        locale=locale("nb"), context__object=translation.source.object
    )
    kept_count = kept_before.count()
    old_nb_value = getattr(nb_object, field)

    # The Polish editor changes one field and publishes.
    setattr(source_object, field, getattr(source_object, field) + " (zmienione)")
    if hasattr(source_object, "save_revision"):
        with django_capture_on_commit_callbacks(execute=True):
            source_object.save_revision(user=user).publish(user=user)
    else:
        source_object.save()
    source_object.refresh_from_db()
    if model is not Organisation:  # the report's rows are titled by the source
        assert report_row(source_object.title, "nb", source_object._meta.label_lower).state == OUT_OF_DATE

    # Sync into Norwegian only.
    with django_capture_on_commit_callbacks(execute=True):
        result = sync_translations(translation.source, user, [locale("nb")])
    assert [loc.language_code for loc in result.locales] == ["nb"]
    translation.refresh_from_db()
    # Every unchanged string keeps its translation; only the changed one is missing, and it starts
    # from the previous translation, marked for checking (translations/changes.py).
    assert untranslated(translation) == [getattr(source_object, field)]
    strings = StringTranslation.objects.filter(locale=locale("nb"), context__object=translation.source.object)
    assert strings.filter(has_error=False).count() == kept_count
    assert list(strings.filter(has_error=True).values_list("data", flat=True)) == [old_nb_value]
    # Visitors still see the reviewed Norwegian text, never the Polish change.
    nb_object = type(nb_object).objects.get(pk=nb_object.pk)
    assert getattr(nb_object, field) == old_nb_value

    # The translator translates the changed string: the translation is current again.
    segment = StringSegment.objects.get(source=translation.source, string__data=getattr(source_object, field))
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=locale("nb"),
        context=segment.context,
        defaults={
            "data": "endret",
            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            "has_error": False,
            "field_error": "",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=user, publish=True)
    nb_object = type(nb_object).objects.get(pk=nb_object.pk)
    assert getattr(nb_object, field) == "endret"
    assert untranslated(translation) == []
    if model is not Organisation:
        assert report_row(source_object.title, "nb", source_object._meta.label_lower).state == UP_TO_DATE
