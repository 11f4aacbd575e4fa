"""One event: when and where, who organises it, its agenda; and the queries of upcoming and
past events."""

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey

from dcaht import serializers
from dcaht.blocks import RICH_TEXT_FEATURES
from dcaht.facets import year_facet
from dcaht.i18n import locale_of, localize_all, localized_names, public_translation
from dcaht.models import (
    SOURCE_LOCALE_ONLY,
    BasePage,
    Country,
    OrganisationRole,
    Place,
    place_facets,
)
from dcaht.schema_org import SCHEMA, content_language, page_url, postal_place, without_empty
from practices.models import Presentation

from .. import ical, time_zones


class EventPageQuerySet(PageQuerySet):
    """Upcoming and past events around a day (`today` in the site's time zone by default).

    An event is upcoming until its last day is over: one happening today, or running over
    several days and not yet ended, is upcoming.
    """

    @staticmethod
    def _not_over(today: dt.date) -> Q:
        return Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today)

    def upcoming(self, today: dt.date | None = None):
        return self.filter(self._not_over(today or timezone.localdate()))

    def past(self, today: dt.date | None = None):
        return self.exclude(self._not_over(today or timezone.localdate()))


# Soonest first; on one day, all-day events before timed ones. Past events: latest first.
UPCOMING_ORDER = ("start_date", F("start_time").asc(nulls_first=True), "title")
PAST_ORDER = ("-start_date", F("start_time").desc(nulls_last=True), "title")


def event_locations(events: list["EventPage"]) -> list[str]:
    """Each event's venue, place and country, in the active language (one query per model)."""
    places = [event.place for event in events if event.place_id]
    localized = localize_all([*places, *(place.country for place in places)])
    locations = []
    for event in events:
        parts = [event.venue]
        if event.place_id:
            parts.append(localized[(Place, event.place_id)].name)
            parts.append(localized[(Country, event.place.country_id)].name)
        locations.append(", ".join(part for part in parts if part))
    return locations


class EventPage(RoutablePageMixin, BasePage):
    """One event: when and where, who organises it, its agenda, registration and report.

    The date is required, the times are not (a report may give only the day). Times are wall
    times in the venue's time zone, so an event in Vienna stays at 09:30 in Vienna whatever the
    server's or the reader's zone; `start` and `end` give aware datetimes when times are known.
    """

    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Leave empty when it is not known.")
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Leave empty for an event of one day."),
    )
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=time_zones.DEFAULT_TIME_ZONE,
        validators=[time_zones.validate_time_zone],
        help_text=_("The time zone of the venue; times are given in it."),
    )
    venue = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("The building or the address, for example “Vienna City Hall”."),
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        limit_choices_to=SOURCE_LOCALE_ONLY,
        help_text=_("Leave empty for an online event."),
    )
    registration_url = models.URLField(
        _("registration address"),
        blank=True,
        help_text=_("Where people register. Leave empty when no registration is needed."),
    )
    registration_closed = models.BooleanField(_("registration closed"), default=False)
    report = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The report written after the event."),
    )
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    parent_page_types = ["meetings.EventIndexPage"]
    subpage_types = []

    facets = (*place_facets("place"), year_facet("start_date__year"))
    in_site_feed = True

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("time_zone", widget=forms.Select(choices=time_zones.time_zone_choices)),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("place")], heading=_("Where")),
        InlinePanel("organiser_links", label=_("Organisers")),
        InlinePanel("agenda_items", label=_("Agenda")),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("registration_closed")],
            heading=_("Registration"),
        ),
        PageChooserPanel("report", "resources.RoundTableReportPage"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.FilterField("start_date"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("start_date"),
        SynchronizedField("start_time"),
        SynchronizedField("end_date"),
        SynchronizedField("end_time"),
        SynchronizedField("time_zone", overridable=False),
        TranslatableField("venue"),
        SynchronizedField("place"),
        SynchronizedField("organiser_links"),
        TranslatableField("agenda_items"),
        # Overridable: a translation may point to a registration form in its language.
        SynchronizedField("registration_url"),
        SynchronizedField("registration_closed"),
        SynchronizedField("report"),
        TranslatableField("body"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("start", serializer=serializers.EventStartField()),
        APIField("end", serializer=serializers.EventEndField()),
        APIField("all_day", serializer=serializers.AllDayField()),
        APIField("time_zone"),
        APIField("venue"),
        APIField("place", serializer=serializers.PlaceField()),
        APIField("organisers", serializer=serializers.OrganisationRolesField("organiser_links")),
        APIField("registration_url"),
        APIField("registration_closed"),
        APIField("report", serializer=serializers.EventReportField()),
        APIField("body", serializer=serializers.RichTextHTMLField("body")),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        elif self.end_time and not self.start_time:
            errors["end_time"] = _("Give the start time too, or no time at all.")
        elif self.start_time and not self.end_time and self.last_day != self.start_date:
            errors["end_time"] = _("An event over several days needs its end time too.")
        elif (
            self.start_time
            and self.end_time
            and self.last_day == self.start_date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("The event cannot end before it starts.")
        if self.registration_closed and self.registration_url:
            errors["registration_url"] = _(
                "Registration is marked as closed: remove the registration address, or reopen "
                "the registration."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def last_day(self) -> dt.date:
        return self.end_date or self.start_date

    @property
    def is_all_day(self) -> bool:
        return self.start_time is None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def start(self) -> dt.datetime | None:
        """When it starts, aware, in the venue's time zone; None when the time is not known."""
        if self.start_time is None:
            return None
        return dt.datetime.combine(self.start_date, self.start_time, tzinfo=self.zone)

    @property
    def end(self) -> dt.datetime | None:
        if self.end_time is None:
            return None
        return dt.datetime.combine(self.last_day, self.end_time, tzinfo=self.zone)

    def is_past(self, today: dt.date | None = None) -> bool:
        return self.last_day < (today or timezone.localdate())

    search_select_related = ("place__country",)
    search_prefetch_related = ("agenda_items__speakers", "organiser_links__organisation")

    def result_day(self) -> dt.date:
        return self.start_date

    @classmethod
    def result_days(cls, pages):
        return dict(pages.values_list("pk", "start_date"))

    def extra_search_text(self) -> list[str]:
        items = list(self.agenda_items.all())
        speakers = [person for item in items for person in item.speakers.all()]
        organisers = [link.organisation for link in self.organiser_links.all()]
        place = self.place
        return [
            self.venue,
            *(item.title for item in items),
            *localized_names(
                [place, place.country if place else None, *organisers, *speakers], self.locale
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        place = (
            Place.objects.select_related("country").get(pk=self.place_id) if self.place_id else None
        )
        links = list(self.organiser_links.select_related("organisation"))
        items = self.agenda_items.all()
        if isinstance(items, models.QuerySet):
            items = items.select_related("practice").prefetch_related("speakers__organisation")
        # In a preview, the agenda is the editor's unsaved one, held in memory.
        items = list(items)
        speakers = [person for item in items for person in item.speakers.all()]
        local = localize_all(
            [
                *([place, place.country] if place else []),
                *(link.organisation for link in links),
                *speakers,
                *(person.organisation for person in speakers if person.organisation),
                *(item.practice for item in items if item.practice),
            ]
        )

        report = self.report.localized if self.report_id else None
        context.update(
            place=local(place),
            country=local(place.country) if place else None,
            organisers=[
                local(link.organisation)
                for link in links
                if link.role == EventOrganiser.Role.ORGANISER
            ],
            partners=[
                local(link.organisation)
                for link in links
                if link.role == EventOrganiser.Role.PARTNER
            ],
            agenda=[
                {
                    "item": item,
                    "speakers": [
                        {"person": local(person), "organisation": local(person.organisation)}
                        for person in item.speakers.all()
                    ],
                    "practice": public_translation(item.practice, local),
                }
                for item in items
            ],
            report=report if report is not None and report.live else None,
            is_past=self.is_past(),
            ics_url=self.get_url(request) + self.reverse_subpage("ical"),
        )
        return context

    def structured_data(self, request, image):
        """A schema.org `Event`: its dates in ISO 8601, with the venue's UTC offset when the
        times are known and as dates when they are not; its time zone as the IANA name in
        `eventSchedule` (`Schedule.scheduleTimezone`, schema.org's only property for it); its
        venue as a `Place` whose `PostalAddress` has the city and the ISO 3166 country code;
        its organisers as `Organization`s."""
        place = (
            Place.objects.select_related("country").get(pk=self.place_id) if self.place_id else None
        )
        links = [
            link
            for link in self.organiser_links.select_related("organisation")
            if link.role == EventOrganiser.Role.ORGANISER
        ]
        localized = localize_all(
            [*([place] if place else []), *(link.organisation for link in links)], locale_of(self)
        )
        url = page_url(self, request)
        if self.is_all_day:
            start, end = self.start_date, self.last_day
        else:
            start, end = self.start, self.end
        schedule = {
            "@type": "Schedule",
            "startDate": self.start_date.isoformat(),
            "endDate": self.last_day.isoformat(),
            "startTime": self.start_time.isoformat() if self.start_time else None,
            "endTime": self.end_time.isoformat() if self.end_time else None,
            "scheduleTimezone": self.time_zone,
        }
        if place is not None or self.venue:
            attendance = "OfflineEventAttendanceMode"
            venue = self.venue or localized[(Place, place.pk)].name
            location = postal_place(venue, place, localized)
        else:
            attendance = "OnlineEventAttendanceMode"
            location = {"@type": "VirtualLocation", "url": self.registration_url or url}
        data = {
            "@context": SCHEMA,
            "@type": "Event",
            "name": self.title,
            "description": self.description,
            "url": url,
            "inLanguage": content_language(self),
            "startDate": start.isoformat(),
            "endDate": end.isoformat() if end else None,
            "eventSchedule": without_empty(schedule),
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "eventAttendanceMode": f"{SCHEMA}/{attendance}",
            "location": location,
            "organizer": [
                without_empty(
                    {
                        "@type": "Organization",
                        "name": localized[(type(link.organisation), link.organisation_id)].name,
                        "url": link.organisation.website,
                    }
                )
                for link in links
            ],
        }
        return [without_empty(data)]

    @path("ical/", name="ical")
    def ical_file(self, request):
        """This event as an iCalendar file, to add it to one's calendar."""
        [location] = event_locations([self])
        calendar = ical.build_calendar(
            [ical.build_event(self, url=self.get_full_url(request), location=location)]
        )
        return ical.calendar_response(calendar, filename=f"{self.slug}.ics")


class EventOrganiser(OrganisationRole):
    """An organisation behind an event: an organiser, or a partner it is organised with."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        PARTNER = "partner", _("In cooperation with")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organiser_links")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.ORGANISER)

    class Meta(OrganisationRole.Meta):
        verbose_name = _("organiser of an event")


class AgendaItem(Presentation):
    """One point of an event's agenda: when (if known), what, and who speaks."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="agenda_items")
    time = models.TimeField(_("time"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("time"), FieldPanel("title")]),
        FieldPanel("speakers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("practice"),
    ]
    translatable_fields = [SynchronizedField("time"), *Presentation.translatable_fields]

    class Meta(Presentation.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
