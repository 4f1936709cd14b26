"""Form data for the admin's seminar and speaker forms, shared by the admin tests.

Each helper fills every field with an empty or plain value; tests override what
they are about.
"""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

SEMINAR_FIELDS = {
    "title": "Seminarium",
    "slug": "seminarium",
    "theme": "",
    "summary": "Krótki opis.",
    "start": "2025-10-26 10:00",
    "end": "2025-10-26 12:00",
    "time_zone": "Europe/Warsaw",
    "venue_name": "",
    "venue_address": "",
    "venue_city": "",
    "venue_country": "",
    "online_url": "",
    "image_alt_text": "",
    "video_url": "",
    "video_language": "",
    "full_report_title": "",
    "full_report_url": "",
}

SPEAKER_FIELDS = {
    "title": "Jan Kowalski",
    "slug": "jan-kowalski",
    "family_name": "Kowalski",
    "job_title": "Burmistrz",
    "city": "Opole",
    "country": "PL",
    "photo_alt_text": "",
}


def seminar_form(talks=(), **overrides):
    """The seminar page form; ``talks`` are dicts of a talk's fields."""
    data = {
        **SEMINAR_FIELDS,
        "report": streamfield([]),
        "gallery": streamfield([]),
        "talks": inline_formset(list(talks)),
        **overrides,
    }
    return nested_form_data(data)


def speaker_form(biography="<p>Burmistrz Opola.</p>", **overrides):
    data = {**SPEAKER_FIELDS, "biography": rich_text(biography), "links": streamfield([]), **overrides}
    return nested_form_data(data)
