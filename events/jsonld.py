"""schema.org structured data (JSON-LD) for seminar, speaker and project pages.

Each builder returns a plain dict; templates print it with the ``jsonld``
filter (``events.templatetags.event_tags``), which escapes ``<``, ``>`` and
``&`` so that the data cannot end its ``<script type="application/ld+json">``
element. Texts come from the page in its own language; the builders run with
that language active, so labels and country names match it.

People, events and organisations carry an ``@id`` (the page's URL and a
fragment: ``#event``, ``#person``, ``#project``) so that a seminar's performers
point to the ``Person`` on each speaker's page and back.
"""

from django.conf import settings
from django.utils import translation

from home.text import plain_text

from .choices import Country, SeminarStatus

SCHEMA = "https://schema.org"
SOCIAL_IMAGE_SPEC = "fill-1200x630"
PERSON_IMAGE_SPEC = "fill-400x400"

EVENT_STATUS = {
    SeminarStatus.SCHEDULED: f"{SCHEMA}/EventScheduled",
    SeminarStatus.RESCHEDULED: f"{SCHEMA}/EventRescheduled",
    SeminarStatus.POSTPONED: f"{SCHEMA}/EventPostponed",
    SeminarStatus.CANCELLED: f"{SCHEMA}/EventCancelled",
}
ATTENDANCE_MODE = {
    "offline": f"{SCHEMA}/OfflineEventAttendanceMode",
    "online": f"{SCHEMA}/OnlineEventAttendanceMode",
    "mixed": f"{SCHEMA}/MixedEventAttendanceMode",
}


def absolute(page, url, request=None):
    """``url`` (maybe relative, like a rendition's) made absolute on the page's site.

    The site's address comes from Wagtail's site root paths, cached per request
    (``page.get_site()`` would cost a query each time).
    """
    if not url or "://" in url:
        return url
    parts = page.get_url_parts(request)
    if parts is not None:
        return parts[1] + url
    return (request.build_absolute_uri("/").rstrip("/") if request else "") + url


def image_url(page, image, spec, request=None):
    if image is None:
        return None
    return absolute(page, image.get_rendition(spec).url, request)


def address_country(code):
    """A country code for schema.org, which has no code for "other country" (left out)."""
    return "" if code == Country.OTHER else code


def _clean(data):
    """Drop empty values so that the output holds only what is known."""
    if isinstance(data, dict):
        return {k: _clean(v) for k, v in data.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def organisation(org):
    if org is None:
        return None
    return {
        "@type": "Organization",
        "name": org.name,
        "url": org.website,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": org.city,
            "addressCountry": address_country(org.country),
        },
    }


def person_ref(speaker, request=None):
    """A seminar's performer: the speaker's name, role and a link to the Person on their page."""
    url = speaker.get_full_url(request)
    return {
        "@type": "Person",
        "@id": f"{url}#person",
        "name": speaker.title,
        "familyName": speaker.family_name,
        "jobTitle": speaker.job_title,
        "url": url,
    }


def _talk_start(seminar, talk):
    if talk.start_time is None or not seminar.ends_same_day:
        return None
    # A ZoneInfo computes the offset of the new wall-clock time (right across a DST change).
    return seminar.local_start.replace(
        hour=talk.start_time.hour, minute=talk.start_time.minute, second=0, microsecond=0
    ).isoformat()


def seminar_data(seminar, request=None):
    """A schema.org ``Event`` for a seminar page."""
    language = seminar.locale.language_code
    with translation.override(language):
        url = seminar.get_full_url(request)
        locations = []
        if seminar.attendance_mode in ("offline", "mixed"):
            locations.append(
                {
                    "@type": "Place",
                    "name": seminar.venue_name or seminar.venue_city,
                    "address": {
                        "@type": "PostalAddress",
                        "streetAddress": seminar.venue_address,
                        "addressLocality": seminar.venue_city,
                        "addressCountry": address_country(seminar.venue_country),
                    },
                }
            )
        if seminar.online:
            locations.append({"@type": "VirtualLocation", "url": seminar.online_url or url})

        programme = seminar.programme
        performers = [person_ref(s, request) for s in seminar.speakers()]
        sub_events = []
        for talk in programme:
            sub_events.append(
                {
                    "@type": "Event",
                    "name": talk.title,
                    "startDate": _talk_start(seminar, talk),
                    "inLanguage": talk.language,
                    "performer": {"@id": f"{talk.speaker_page.get_full_url(request)}#person"}
                    if talk.speaker_page
                    else None,
                    "workFeatured": {
                        "@type": "DigitalDocument",
                        "name": talk.title,
                        "url": absolute(seminar, talk.presentation.url, request),
                        "encodingFormat": talk.presentation.content_type,
                        "inLanguage": talk.language,
                    }
                    if talk.presentation
                    else None,
                }
            )

        project = seminar.project()
        organizers = [organisation(o) for o in project.partner_organisations()] if project else []
        if not organizers:
            organizers = [{"@type": "Organization", "name": str(settings.WAGTAIL_SITE_NAME)}]

        image = image_url(seminar, seminar.image, SOCIAL_IMAGE_SPEC, request)
        data = {
            "@context": SCHEMA,
            "@type": "Event",
            "@id": f"{url}#event",
            "name": seminar.title,
            "description": seminar.summary,
            "url": url,
            "startDate": seminar.local_start.isoformat(),
            "endDate": seminar.local_end.isoformat(),
            "eventStatus": EVENT_STATUS.get(seminar.status, EVENT_STATUS[SeminarStatus.SCHEDULED]),
            "eventAttendanceMode": ATTENDANCE_MODE[seminar.attendance_mode],
            "location": locations[0] if len(locations) == 1 else locations,
            "organizer": organizers[0] if len(organizers) == 1 else organizers,
            "performer": performers,
            # The languages the seminar is held in; the page's own language is on the WebPage.
            "inLanguage": seminar.talk_languages() or [language],
            "image": [image] if image else [],
            "isAccessibleForFree": True,
            "subEvent": sub_events,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url, "url": url, "inLanguage": language},
        }
        if project is not None:
            data["about"] = {"@id": f"{project.get_full_url(request)}#project", "name": project.title}
        if seminar.video_url:
            data["recordedIn"] = video_data(seminar, image, request)
    return _clean(data)


def video_data(seminar, poster=None, request=None):
    """The recording as a ``VideoObject``."""
    video = seminar.video
    return {
        "@type": "VideoObject",
        "name": seminar.title,
        "description": seminar.summary,
        "url": seminar.video_url,
        "embedUrl": video.embed_url.split("?")[0] if video else None,
        "thumbnailUrl": [poster] if poster else [],
        "uploadDate": seminar.local_end.date().isoformat(),
        "inLanguage": seminar.video_language,
        "subtitleLanguage": [code for code, _label in seminar.subtitle_languages],
        "recordedAt": {"@id": f"{seminar.get_full_url(request)}#event"},
    }


def speaker_data(speaker, request=None):
    """A schema.org ``Person`` for a speaker page, with the seminars they spoke at."""
    language = speaker.locale.language_code
    with translation.override(language):
        url = speaker.get_full_url(request)
        talks = list(speaker.talk_list())
        seminars, seen = [], set()
        for talk in talks:
            if talk.page_id not in seen:
                seen.add(talk.page_id)
                seminars.append(
                    {
                        "@type": "Event",
                        "@id": f"{talk.page.get_full_url(request)}#event",
                        "name": talk.page.title,
                        "startDate": talk.page.local_start.isoformat(),
                    }
                )
        data = {
            "@context": SCHEMA,
            "@type": "Person",
            "@id": f"{url}#person",
            "name": speaker.title,
            "familyName": speaker.family_name,
            "jobTitle": speaker.job_title,
            "affiliation": organisation(speaker.shown_organisation),
            "workLocation": {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": speaker.city,
                    "addressCountry": address_country(speaker.country),
                },
            }
            if speaker.city or speaker.country
            else None,
            "image": image_url(speaker, speaker.photo, PERSON_IMAGE_SPEC, request),
            "description": plain_text(speaker.biography),
            "sameAs": [block.value["url"] for block in speaker.links if block.value.get("url")],
            "url": url,
            "performerIn": seminars,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url, "url": url, "inLanguage": language},
        }
    return _clean(data)


def project_data(project, request=None):
    """The programme as a schema.org ``Project`` (an Organization) with its funder, partners and seminars."""
    language = project.locale.language_code
    with translation.override(language):
        url = project.get_full_url(request)
        partners = [organisation(o) for o in project.partner_organisations()]
        # The seminars are the project's children: each one's address is the project's and its slug.
        seminars = [
            {
                "@type": "Event",
                "@id": f"{url}{s.slug}/#event",
                "name": s.title,
                "startDate": s.local_start.isoformat(),
            }
            for s in project.seminars_in_order()
        ]
        data = {
            "@context": SCHEMA,
            "@type": "Project",
            "@id": f"{url}#project",
            "name": project.title,
            "description": project.summary,
            "url": url,
            "foundingDate": project.start_date.isoformat() if project.start_date else None,
            "dissolutionDate": project.end_date.isoformat() if project.end_date else None,
            "funder": {"@type": "Organization", "name": project.funding_programme}
            if project.funding_programme
            else None,
            "member": partners,
            "event": seminars,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url, "url": url, "inLanguage": language},
        }
    return _clean(data)
