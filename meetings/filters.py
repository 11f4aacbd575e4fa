"""The event index's filters: place and year, over the upcoming events or the archive."""

from collections.abc import Sequence

from django.http import QueryDict

from dcaht.filters import FacetedListing
from dcaht.i18n import localize_all
from dcaht.models import Country, Place

from .models import EventPage, EventPageQuerySet


class EventFilter(FacetedListing):
    """Events in one fixed order (soonest first, or latest first in the archive): no sort menu."""

    facets = EventPage.facets_named("place", "year")

    def __init__(self, params: QueryDict, queryset: EventPageQuerySet, *, ordering: Sequence):
        super().__init__(params, queryset)
        self._ordering = ordering

    def ordering(self):
        return self._ordering

    def fetch(self, queryset):
        return queryset.select_related("place__country").defer("body")

    def cards(self, events):
        places = [event.place for event in events if event.place_id]
        localized = localize_all([*places, *(place.country for place in places)], self.locale)
        return [
            {
                "page": event,
                "place": localized[(Place, event.place_id)] if event.place_id else None,
                "country": (
                    localized[(Country, event.place.country_id)] if event.place_id else None
                ),
            }
            for event in events
        ]
