"""The network's events: upcoming ones, the archive, and their iCalendar feed."""

import datetime as dt

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail_localize.fields import TranslatableField

from dcaht import serializers
from dcaht.models import BasePage
from dcaht.privacy import public

from .. import ical
from .event import PAST_ORDER, UPCOMING_ORDER, EventPage, EventPageQuerySet, event_locations


class EventIndexPage(RoutablePageMixin, BasePage):
    """The network's events: upcoming ones at its URL, the archive at `past/`, and one
    iCalendar feed of them all at `ical/`, each in the index's language.

    Wagtail serves only paths of letters, digits, `-` and `_` between slashes, so a sub-route
    cannot end in `.ics`; the file name comes in the response's Content-Disposition instead.
    """

    UPCOMING = "upcoming"
    PAST = "past"

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.EventPage"]
    max_count_per_parent = 1

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("introduction")]

    api_fields = serializers.INTRODUCTION_API_FIELDS

    class Meta:
        verbose_name = _("event index page")

    def events(self) -> EventPageQuerySet:
        return public(EventPage.objects.child_of(self).live())

    def subpage_url(self, request, name: str) -> str:
        return self.get_url(request) + self.reverse_subpage(name)

    def get_context(self, request, *args, period=UPCOMING, **kwargs):
        from ..filters import EventFilter  # The filters refer to this module's models.

        context = super().get_context(request, *args, **kwargs)
        if period == self.PAST:
            events, ordering = self.events().past(), PAST_ORDER
        else:
            events, ordering = self.events().upcoming(), UPCOMING_ORDER
        context.update(EventFilter(request.GET, events, ordering=ordering).context())
        context.update(
            period=period,
            upcoming_url=self.get_url(request),
            past_url=self.subpage_url(request, "past"),
            calendar_url=self.subpage_url(request, "ical"),
        )
        return context

    @path("past/", name="past")
    def past(self, request):
        return self.render(request, period=self.PAST)

    @path("ical/", name="ical")
    def ical_feed(self, request):
        """Every live event of this language, past and upcoming, as one subscribable feed."""
        events = list(self.events().select_related("place__country").order_by(*UPCOMING_ORDER))
        calendar = ical.build_calendar(
            [
                ical.build_event(event, url=event.get_full_url(request), location=location)
                for event, location in zip(events, event_locations(events), strict=True)
            ],
            name=f"{self.title} · {gettext('Danube Cities Knowledge Hub')}",
            refresh_interval=dt.timedelta(hours=12),
        )
        return ical.calendar_response(calendar, filename=f"{self.slug}.ics")
