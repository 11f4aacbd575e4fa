"""iCalendar (RFC 5545) files of events, built with the `icalendar` library.

An event whose time of day is not known is an all-day event: DTSTART and DTEND are dates
(`VALUE=DATE`), and DTEND is exclusive, the day after the last day. An event with times has
DTSTART/DTEND in its venue's time zone (`TZID=Europe/Vienna`), and the calendar carries the
VTIMEZONE definition of each zone it uses, so every client shows the right local time.
"""

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

import icalendar

if TYPE_CHECKING:
    from .models import EventPage

PRODUCT = "-//Danube Cities against Human Trafficking//Danube Cities Knowledge Hub//{language}"
UID_DOMAIN = "dcaht"
FALLBACK_TIME_ZONE = "Europe/Vienna"


def event_uid(event: "EventPage") -> str:
    """Stable across edits, and the same in every language: the page's translation key."""
    return f"{event.translation_key}@{UID_DOMAIN}"


def build_event(event: "EventPage", *, url: str, location: str) -> icalendar.Event:
    if event.is_all_day:
        start, end = event.start_date, event.last_day + dt.timedelta(days=1)
    else:
        start, end = event.start, event.end  # Without an end time, the event has no DTEND.
    # Without a METHOD, DTSTAMP is when the information was last revised (RFC 5545 3.8.7.2).
    revised = event.last_published_at or timezone.now()
    return icalendar.Event.new(
        uid=event_uid(event),
        stamp=revised,
        last_modified=revised,
        summary=event.title,
        description=event.summary or None,
        start=start,
        end=end,
        location=location or None,
        url=url,
    )


def build_calendar(
    events: Iterable[icalendar.Event],
    *,
    name: str | None = None,
    refresh_interval: dt.timedelta | None = None,
) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.prodid = PRODUCT.format(language=(get_language() or "en").upper())
    calendar.version = "2.0"
    if name:
        calendar.calendar_name = name
    if refresh_interval:
        # RFC 7986 requires VALUE=DURATION, which `Calendar.refresh_interval` leaves out;
        # X-PUBLISHED-TTL is the older name some clients still read.
        calendar.add("REFRESH-INTERVAL", refresh_interval, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", icalendar.vDuration(refresh_interval))
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    if not calendar.subcomponents:
        # RFC 5545 requires at least one component: an empty feed still describes a zone.
        calendar.add_component(icalendar.Timezone.from_tzid(FALLBACK_TIME_ZONE))
    return calendar


def calendar_response(calendar: icalendar.Calendar, *, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
