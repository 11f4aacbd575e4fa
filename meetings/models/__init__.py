"""Events of the network: round tables, conferences and workshops, with their iCalendar files."""

from .event import (
    PAST_ORDER,
    UPCOMING_ORDER,
    AgendaItem,
    EventOrganiser,
    EventPage,
    EventPageQuerySet,
)
from .index import EventIndexPage

__all__ = [
    "PAST_ORDER",
    "UPCOMING_ORDER",
    "AgendaItem",
    "EventIndexPage",
    "EventOrganiser",
    "EventPage",
    "EventPageQuerySet",
]
