"""Public URLs of the events app that are not Wagtail pages; included under each language prefix.

Wagtail's page URLs cannot end in ".ics" (its catch-all pattern allows no dot),
so the calendar files live here rather than as routes of the seminar page:

* ``/<lang>/calendar/seminar-<page id>.ics``: one seminar ("Add to calendar");
* ``/<lang>/calendar/seminars.ics``: every seminar, a feed to subscribe to.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("calendar/seminars.ics", views.seminar_calendar_feed, name="seminar_calendar_feed"),
    path("calendar/seminar-<int:page_id>.ics", views.seminar_ics, name="seminar_calendar"),
]
