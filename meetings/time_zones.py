"""The time zones an event's venue may be in: the IANA zones this system knows."""

from functools import cache
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_ZONE = "Europe/Vienna"


@cache
def time_zone_names() -> frozenset[str]:
    """The IANA time zones this system knows (read from disk once)."""
    return frozenset(available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use a name such as “Europe/Vienna”."),
            params={"value": value},
        )


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(time_zone_names())]
