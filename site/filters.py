"""Faceted listings: AND across facets, OR inside one, with a count per option.

The filter state lives in the query string (`?country=si&theme=victim-assistance&sort=title`),
so every filtered view can be shared. Values that match nothing known are ignored, never an
error. The number of queries depends on the number of facets, not on the number of items.

Counting is set arithmetic over a *facet index* (which items hold each value of each facet),
built with one query per facet and kept in the process until the next publication starts a new
cache generation; one aggregate query per facet over every item would not scale.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import reduce
from itertools import islice
from operator import and_, or_

from django.core.paginator import Paginator
from django.db import models
from django.http import QueryDict
from django.utils.functional import cached_property

from .facets import Facet, Option, active_filter, facet_entry, holder_pairs, query_values
from .generation import remember
from .i18n import active_locale, entity_names


def bit_set(positions: Iterable[int], size: int) -> int:
    """The bit set of `size` bits with the bits at `positions` set."""
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def bit_positions(bits: int) -> list[int]:
    """The positions of the set bits of a bit set, lowest first."""
    digits = bin(bits)[:1:-1]  # lowest bit first
    positions, position = [], digits.find("1")
    while position != -1:
        positions.append(position)
        position = digits.find("1", position + 1)
    return positions


@dataclass
class FacetIndex:
    """The unfiltered items of a listing as bit sets, where bit i stands for the item `pks[i]`:
    for each facet, the items holding each value; for each ordering, the bits in that order.

    Filtering and counting are then `&`, `|` and `int.bit_count()` on Python integers: ten
    facets over ten thousand items in a fraction of a millisecond.
    """

    pks: list[int]
    bit: dict[int, int]  # the position of each item's bit
    holders: dict[str, dict[str, int]]
    orders: dict[tuple, list[int]] = field(default_factory=dict)
    held: dict[str, dict[int, tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def build(cls, pks: list[int], pairs_by_facet: dict[str, Iterable[tuple[int, object]]]):
        """The index of the items `pks`, from (primary key, value) pairs for each facet."""
        bit = {pk: position for position, pk in enumerate(pks)}
        holders = {}
        for param, pairs in pairs_by_facet.items():
            positions = defaultdict(list)
            for pk, value in pairs:
                if pk in bit:
                    positions[str(value)].append(bit[pk])
            holders[param] = {value: bit_set(held, len(pks)) for value, held in positions.items()}
        return cls(pks, bit, holders)

    def add_order(self, ordering: tuple, ordered_pks: Iterable[int]) -> None:
        self.orders[ordering] = [self.bit[pk] for pk in ordered_pks if pk in self.bit]

    def values_of(self, param: str, pk: int) -> tuple[str, ...]:
        """The values of a facet that one item holds (what its card shows: its places,
        themes…), from the holders inverted on first use."""
        if param not in self.held:
            held = defaultdict(list)
            for value, bits in self.holders[param].items():
                for position in bit_positions(bits):
                    held[self.pks[position]].append(value)
            self.held[param] = {item: tuple(values) for item, values in held.items()}
        return self.held[param].get(pk, ())


class Selection(Sequence):
    """The items passing the filters, in the listing's order: counted from the bit set, and
    walked only as far as the page asked for (all that Django's paginator needs)."""

    def __init__(self, index: FacetIndex, order: list[int], scope: int | None):
        self.index, self.order, self.scope = index, order, scope

    def __len__(self) -> int:
        return len(self.order) if self.scope is None else self.scope.bit_count()

    def __iter__(self) -> Iterator[int]:
        pks = self.index.pks
        if self.scope is None:
            yield from (pks[position] for position in self.order)
            return
        scope = self.scope.to_bytes((len(pks) + 7) // 8, "little")
        for position in self.order:
            if scope[position >> 3] >> (position & 7) & 1:
                yield pks[position]

    def __getitem__(self, item):
        if isinstance(item, slice) and (item.step or 1) > 0:
            return list(islice(self, *item.indices(len(self))))
        return list(self)[item]


class FacetedListing:
    """Filters, counts, sorts and paginates a queryset of pages from a request's query string."""

    per_page = 12
    facets: Sequence[Facet] = ()
    sorts: dict[str, tuple[str, tuple[str, ...]]] = {}
    default_sort = ""

    def __init__(self, params: QueryDict, queryset: models.QuerySet, key: tuple | None = None):
        """`key` names the items of `queryset` within a content generation (the index page
        listing its children); without one, the queryset's SQL names them, compiled at each
        request (a third of a millisecond)."""
        self.params = params
        self.queryset = queryset
        self.key = key
        self.locale = active_locale()
        self.selected = {facet.param: self._known(facet) for facet in self.facets}
        sort = params.get("sort", self.default_sort)
        self.sort = sort if sort in self.sorts else self.default_sort

    def _known(self, facet: Facet) -> list[str]:
        """The facet's values from the query string that exist; the others are ignored."""
        values = query_values(self.params, facet.param)
        if not values:
            return []
        if facet.parse is not None:
            return [value for value in values if facet.parse(value) is not None]
        known = dict(facet.choices) if facet.model is None else entity_names(facet.model, facet.key)
        return [value for value in values if value in known]

    def ordering(self) -> Sequence[str]:
        return self.sorts[self.sort][1]

    def fetch(self, queryset: models.QuerySet) -> models.QuerySet:
        """How the items of the current page are loaded; override to join what cards show."""
        return queryset.defer_streamfields()

    @cached_property
    def index(self) -> FacetIndex:
        """This listing's facet index, built on the first request of a cache generation."""
        key = self.key
        if key is None:
            sql, params = self.queryset.query.sql_with_params()
            key = (sql, tuple(params))
        index = remember(
            ("facet index", type(self).__qualname__, key),
            lambda: FacetIndex.build(
                list(self.queryset.order_by("pk").values_list("pk", flat=True)),
                {facet.param: holder_pairs(self.queryset, facet) for facet in self.facets},
            ),
        )
        ordering = tuple(self.ordering())
        if ordering not in index.orders:
            index.add_order(
                ordering, self.queryset.order_by(*ordering).values_list("pk", flat=True)
            )
        return index

    def _passing(self, index: FacetIndex, facet: Facet) -> int | None:
        """The items passing this facet's filter, or None when it has no filter."""
        values = self.selected[facet.param]
        if not values:
            return None
        if facet.parse is not None:
            values = [str(facet.parse(value)) for value in values]
        held = index.holders[facet.param]
        return reduce(or_, (held.get(value, 0) for value in values))

    def _scope(self, index: FacetIndex, *, without: Facet | None = None) -> int | None:
        """The items passing every filter (but one), or None when no filter applies."""
        passing = [
            bits
            for facet in self.facets
            if facet is not without and (bits := self._passing(index, facet)) is not None
        ]
        return reduce(and_, passing) if passing else None

    def results(self) -> Selection:
        """The primary keys of the filtered items, in the listing's order."""
        order = self.index.orders[tuple(self.ordering())]
        return Selection(self.index, order, self._scope(self.index))

    def counts(self, facet: Facet) -> dict[str, int]:
        """Items per value of a facet, under every filter but the facet's own."""
        scope = self._scope(self.index, without=facet)
        counts = {
            value: bits.bit_count() if scope is None else (bits & scope).bit_count()
            for value, bits in self.index.holders[facet.param].items()
        }
        return {value: count for value, count in counts.items() if count}

    def options(self, facet: Facet) -> list[Option]:
        counts = self.counts(facet)
        selected = self.selected[facet.param]
        if facet.parse is not None:
            labels = {value: value for value in [*counts, *selected]}
        elif facet.model is None:
            labels = {str(value): label for value, label in facet.choices}
        else:
            labels = entity_names(facet.model, facet.key)
        options = [
            Option(
                value,
                label if isinstance(label, str) else str(label),
                counts.get(value, 0),
                value in selected,
            )
            for value, label in labels.items()
            if value in counts or value in selected
        ]
        if facet.parse is not None:
            return sorted(options, key=lambda option: option.value, reverse=True)
        return sorted(options, key=lambda option: option.label)

    def active_filters(self, options_by_param: dict[str, list[Option]]) -> list[dict]:
        """Each applied filter with the query string that removes it ('relax a filter')."""
        return [
            active_filter(self.params, facet.param, facet.label, option, self.selected)
            for facet in self.facets
            for option in options_by_param[facet.param]
            if option.selected
        ]

    def cards(self, items: list) -> list:
        """What the template shows for each item of the current page; override to enrich."""
        return items

    def page_items(self, pks: list[int]) -> list:
        """The items of the current page, loaded in one query, in the listing's order."""
        items = {item.pk: item for item in self.fetch(self.queryset.filter(pk__in=pks))}
        return [items[pk] for pk in pks if pk in items]

    def page_cards(self, pks: list[int]) -> list:
        """The cards of the current page; override to take them from elsewhere (a cache)."""
        return self.cards(self.page_items(pks))

    def names_held(self, param: str, pk: int) -> list[str]:
        """The names, in the active language and in order, of the records of an entity facet
        that an item holds: from memory, without loading the records."""
        facet = next(facet for facet in self.facets if facet.param == param)
        names = entity_names(facet.model, facet.key)
        return sorted(names[value] for value in self.index.values_of(param, pk) if value in names)

    def context(self) -> dict:
        paginator = Paginator(self.results(), self.per_page)
        page = paginator.get_page(self.params.get("page"))
        page.object_list = list(page.object_list)
        options_by_param = {facet.param: self.options(facet) for facet in self.facets}
        return {
            "items": page,
            "cards": self.page_cards(page.object_list),
            "page_range": paginator.get_elided_page_range(page.number),
            "facets": [
                facet_entry(self.params, facet, options_by_param[facet.param])
                for facet in self.facets
                if options_by_param[facet.param]
            ],
            "active_filters": self.active_filters(options_by_param),
            "sort": self.sort,
            "sorts": [(value, label) for value, (label, _ordering) in self.sorts.items()],
            "result_count": paginator.count,
        }
