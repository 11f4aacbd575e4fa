"""Facets: what a page type declares it can be filtered and counted by, and how to read it.

Each page type lists its facets once, in its own app (`BasePage.facets`): the query-string
parameter, the label and the ORM lookup to the value a page holds. That one declaration is read
by the listings of its index page (`dcaht.filters`), by the search page's facets on both engines
(`BasePage.search_facets` for OpenSearch, `search.facts` for the database engine) and by the
API's theme and place filters (`dcaht.interfaces.api`).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.db import models
from django.db.models.manager import BaseManager
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from wagtail.models import get_page_models

MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 100
# A facet with more options shows those with the most results (and the selected ones) and a
# link to show them all: two hundred checkboxes help no one, least of all on a phone.
SHOWN_OPTIONS = 12
# The facets the search page counts besides the page type, in every page type declaring them.
SEARCH_FACETS = ("theme", "country", "place", "year")


@dataclass(frozen=True)
class Facet:
    """One filter: the query-string parameter, and the ORM path to the value it holds.

    Three kinds: an entity facet (`model` is a translatable model, `key` its field used in
    URLs), a choice facet (`choices` lists values and labels), or an open facet (`parse`
    turns a raw value into a lookup value or None, and the value is its own label: years).
    """

    param: str
    label: str
    lookup: str
    model: type[models.Model] | None = None
    key: str = "slug"
    choices: tuple = ()
    parse: Callable[[str], object] | None = None


class Option(NamedTuple):
    value: str
    label: str
    count: int
    selected: bool


def parse_year(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) == 4 else None


def year_facet(lookup: str) -> Facet:
    """The year a page is of (started, issued, held), its own label."""
    return Facet("year", _("Year"), lookup, parse=parse_year)


def held_values(instance: models.Model, lookup: str) -> list[str]:
    """The values an instance holds at an ORM lookup (`places__country__code`), read through
    its relations as loaded (prefetched, or a preview's unsaved ones), as the lookup would
    give them from the database."""
    found = [instance]
    for name in lookup.split("__"):
        reached = []
        for item in found:
            value = getattr(item, name)
            if isinstance(value, BaseManager):  # A to-many relation.
                reached.extend(value.all())
            elif value is not None:
                reached.append(value)
        found = reached
    return [str(value) for value in found]


def holder_pairs(queryset: models.QuerySet, facet: Facet) -> models.QuerySet:
    """(primary key, value) of every item of `queryset` holding a value of the facet."""
    return (
        queryset.filter(**{f"{facet.lookup}__isnull": False})
        .values_list("pk", facet.lookup)
        .order_by()
    )


def declared_facets(param: str) -> Iterator[tuple[type[models.Model], Facet]]:
    """Each page type declaring the facet `param`, with its declaration; a type inheriting its
    parent's declaration unchanged is left out (the parent's rows hold the child's)."""
    for model in get_page_models():
        facet = next((f for f in getattr(model, "facets", ()) if f.param == param), None)
        if facet is None:
            continue
        parents = model._meta.get_parent_list()
        if not any(facet in getattr(parent, "facets", ()) for parent in parents):
            yield model, facet


def query_values(params: QueryDict, param: str) -> list[str]:
    """The distinct, non-blank values of a query-string parameter, within sane bounds."""
    values = []
    for value in params.getlist(param)[:MAX_VALUES_PER_FACET]:
        value = value.strip()
        if value and len(value) <= MAX_VALUE_LENGTH and value not in values:
            values.append(value)
    return values


def active_filter(
    params: QueryDict, param: str, label: str, option: Option, selected: dict[str, list[str]]
) -> dict:
    """An applied filter, with the query string that removes it ('relax a filter')."""
    remaining = params.copy()
    remaining.setlist(param, [value for value in selected[param] if value != option.value])
    remaining.pop("page", None)
    return {"facet": label, "label": option.label, "remove_query": remaining.urlencode()}


def facet_entry(params: QueryDict, facet, options: list[Option]) -> dict:
    """What the filter form shows of one facet (anything with `param` and `label`): its
    options, shortened to the most useful unless the visitor asked for them all."""
    entry = {"facet": facet, "options": options, "hidden": 0, "show_all_query": ""}
    if len(options) <= SHOWN_OPTIONS or facet.param in params.getlist("expand"):
        return entry
    best = sorted(options, key=lambda option: -option.count)[:SHOWN_OPTIONS]
    kept = {option.value for option in best} | {o.value for o in options if o.selected}
    expanded = params.copy()
    expanded.appendlist("expand", facet.param)
    entry.update(
        options=[option for option in options if option.value in kept],
        hidden=len(options) - len(kept),
        show_all_query=expanded.urlencode(),
    )
    return entry
