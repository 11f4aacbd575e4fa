"""Faceted listings: AND across facets, OR inside one, with a count per option.

The filter state lives in the query string (`?country=si&theme=victim-assistance&sort=title`),
so every filtered view can be shared. Values that match nothing known are ignored, never an
error. The number of queries depends on the number of facets, not on the number of items.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.http import QueryDict

from wagtail.models import Locale

from .i18n import localize_all

MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 100


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


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


def parse_year(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) == 4 else None


class FacetedListing:
    """Filters, counts, sorts and paginates a queryset of pages from a request's query string."""

    per_page = 12
    facets: Sequence[Facet] = ()
    sorts: dict[str, tuple[str, tuple[str, ...]]] = {}
    default_sort = ""

    def __init__(self, params: QueryDict, queryset: models.QuerySet):
        self.params = params
        self.queryset = queryset
        self.locale = Locale.get_active()
        self.selected = {facet.param: self._known(facet) for facet in self.facets}
        sort = params.get("sort", self.default_sort)
        self.sort = sort if sort in self.sorts else self.default_sort

    def _values(self, param: str) -> list[str]:
        values = []
        for value in self.params.getlist(param)[:MAX_VALUES_PER_FACET]:
            value = value.strip()
            if value and len(value) <= MAX_VALUE_LENGTH and value not in values:
                values.append(value)
        return values

    def _known(self, facet: Facet) -> list[str]:
        """The facet's values from the query string that exist; the others are ignored."""
        values = self._values(facet.param)
        if not values:
            return []
        if facet.parse is not None:
            return [value for value in values if facet.parse(value) is not None]
        if facet.model is None:
            known = set(dict(facet.choices))
        else:
            known = set(
                facet.model.objects.filter(
                    locale__language_code=settings.LANGUAGE_CODE, **{f"{facet.key}__in": values}
                ).values_list(facet.key, flat=True)
            )
        return [value for value in values if value in known]

    def _condition(self, facet: Facet) -> Q:
        values = self.selected[facet.param]
        if not values:
            return Q()
        if facet.parse is not None:
            values = [facet.parse(value) for value in values]
        matching = self.queryset.model.objects.filter(**{f"{facet.lookup}__in": values})
        return Q(pk__in=matching.values("pk"))

    def filtered(self, *, without: Facet | None = None) -> models.QuerySet:
        conditions = [self._condition(facet) for facet in self.facets if facet is not without]
        return self.queryset.filter(*conditions)

    def results(self) -> models.QuerySet:
        return self.filtered().order_by(*self.sorts[self.sort][1]).defer_streamfields()

    def options(self, facet: Facet) -> list[Option]:
        counts = {
            str(value): count
            for value, count in self.filtered(without=facet)
            .filter(**{f"{facet.lookup}__isnull": False})
            .values_list(facet.lookup)
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        }
        selected = self.selected[facet.param]
        if facet.parse is not None:
            labels = {value: value for value in [*counts, *selected]}
        elif facet.model is None:
            labels = {str(value): label for value, label in facet.choices}
        else:
            entities = facet.model.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE,
                **{f"{facet.key}__in": [*counts, *selected]},
            )
            localized = localize_all(entities, self.locale)
            labels = {
                getattr(entity, facet.key): str(localized[(facet.model, entity.pk)])
                for entity in entities
            }
        options = [
            Option(value, str(label), counts.get(value, 0), value in selected)
            for value, label in labels.items()
            if value in counts or value in selected
        ]
        if facet.parse is not None:
            return sorted(options, key=lambda option: option.value, reverse=True)
        return sorted(options, key=lambda option: option.label)

    def active_filters(self, options_by_param: dict[str, list[Option]]) -> list[dict]:
        """Each applied filter with the query string that removes it ('relax a filter')."""
        active = []
        for facet in self.facets:
            for option in options_by_param[facet.param]:
                if option.selected:
                    remaining = self.params.copy()
                    remaining.setlist(
                        facet.param, [v for v in self.selected[facet.param] if v != option.value]
                    )
                    remaining.pop("page", None)
                    active.append(
                        {
                            "facet": facet.label,
                            "label": option.label,
                            "remove_query": remaining.urlencode(),
                        }
                    )
        return active

    def cards(self, items: list) -> list:
        """What the template shows for each item of the current page; override to enrich."""
        return items

    def context(self) -> dict:
        paginator = Paginator(self.results(), self.per_page)
        page = paginator.get_page(self.params.get("page"))
        options_by_param = {facet.param: self.options(facet) for facet in self.facets}
        return {
            "items": page,
            "cards": self.cards(list(page.object_list)),
            "page_range": paginator.get_elided_page_range(page.number),
            "facets": [
                {"facet": facet, "options": options_by_param[facet.param]}
                for facet in self.facets
                if options_by_param[facet.param]
            ],
            "active_filters": self.active_filters(options_by_param),
            "sort": self.sort,
            "sorts": [(value, label) for value, (label, _ordering) in self.sorts.items()],
            "result_count": paginator.count,
        }
