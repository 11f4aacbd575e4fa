"""Faceted filtering of practices: AND across facets, OR inside one, with a count per option.

The filter state lives in the query string (`?country=si&theme=victim-assistance&sort=title`),
so every filtered view can be shared. Values that match nothing are ignored, never an error.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from dcaht.i18n import localize_all
from dcaht.models import Country, Organisation, Place, TargetGroup, Theme

PER_PAGE = 12
MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 100
SORTS = {
    "newest": ("-first_published_at", "title"),
    "title": ("title",),
}
DEFAULT_SORT = "newest"


@dataclass(frozen=True)
class Facet:
    """One filter: the query-string parameter, and the path to the value it holds.

    For an entity facet, `model` is the related model and `key` its field used in URLs;
    for a choice facet, `choices` lists the values and their labels.
    """

    param: str
    label: str
    lookup: str
    model: type[models.Model] | None = None
    key: str = "slug"
    choices: tuple = ()


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


def practice_facets():
    # Imported here: the page model imports this module.
    from .models import GoodPracticePage

    return (
        Facet("country", _("Country"), "places__country__code", model=Country, key="code"),
        Facet("place", _("Place"), "places__slug", model=Place),
        Facet("theme", _("Theme"), "themes__slug", model=Theme),
        Facet("group", _("Target group"), "target_groups__slug", model=TargetGroup),
        Facet(
            "org",
            _("Kind of organisation"),
            "organisation_links__organisation__kind",
            choices=tuple(Organisation.Kind.choices),
        ),
        Facet(
            "size",
            _("Size of the city"),
            "city_size",
            choices=tuple(GoodPracticePage.CitySize.choices),
        ),
        Facet(
            "legal",
            _("Legal basis"),
            "legal_basis",
            choices=tuple(GoodPracticePage.LegalBasis.choices),
        ),
        Facet("budget", _("Budget"), "budget", choices=tuple(GoodPracticePage.Budget.choices)),
        Facet(
            "lead",
            _("Kind of lead agency"),
            "lead_agency_kind",
            choices=tuple(Organisation.Kind.choices),
        ),
        Facet(
            "setup",
            _("Time to set up"),
            "setup_time",
            choices=tuple(GoodPracticePage.SetupTime.choices),
        ),
    )


class PracticeFilter:
    def __init__(self, params: QueryDict, practices: models.QuerySet):
        self.params = params
        self.practices = practices
        self.locale = Locale.get_active()
        self.facets = practice_facets()
        self.selected = {facet.param: self._known(facet) for facet in self.facets}
        sort = params.get("sort", DEFAULT_SORT)
        self.sort = sort if sort in SORTS else DEFAULT_SORT

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
        matching = self.practices.model.objects.filter(**{f"{facet.lookup}__in": values})
        return Q(pk__in=matching.values("pk"))

    def _filtered(self, *, without: Facet | None = None) -> models.QuerySet:
        conditions = [self._condition(facet) for facet in self.facets if facet is not without]
        return self.practices.filter(*conditions)

    def results(self) -> models.QuerySet:
        return (
            self._filtered()
            .order_by(*SORTS[self.sort])
            .defer_streamfields()
            .prefetch_related("places__country", "themes")
        )

    def options(self, facet: Facet) -> list[Option]:
        counts = dict(
            self._filtered(without=facet)
            .filter(**{f"{facet.lookup}__isnull": False})
            .values_list(facet.lookup)
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        selected = self.selected[facet.param]
        if facet.model is None:
            labels = dict(facet.choices)
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
            Option(value, labels[value], counts.get(value, 0), value in selected)
            for value in labels
            if value in counts or value in selected
        ]
        return sorted(options, key=lambda option: str(option.label))

    def active_filters(self, options_by_param: dict[str, list[Option]]) -> list[dict]:
        """Each applied filter with the URL that removes it, for the 'relax a filter' links."""
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

    def context(self) -> dict:
        paginator = Paginator(self.results(), PER_PAGE)
        page = paginator.get_page(self.params.get("page"))
        options_by_param = {facet.param: self.options(facet) for facet in self.facets}
        practices = list(page.object_list)
        localized = localize_all(
            [entity for practice in practices for entity in practice.places.all()]
            + [practice_place.country for p in practices for practice_place in p.places.all()]
            + [theme for practice in practices for theme in practice.themes.all()],
            self.locale,
        )
        return {
            "practices": page,
            "practice_cards": [
                {
                    "page": practice,
                    "places": [localized[(Place, place.pk)] for place in practice.places.all()],
                    "countries": sorted(
                        {
                            str(localized[(Country, place.country.pk)])
                            for place in practice.places.all()
                        }
                    ),
                    "themes": [localized[(Theme, theme.pk)] for theme in practice.themes.all()],
                }
                for practice in practices
            ],
            "page_range": paginator.get_elided_page_range(page.number),
            "facets": [
                {"facet": facet, "options": options_by_param[facet.param]}
                for facet in self.facets
                if options_by_param[facet.param]
            ],
            "active_filters": self.active_filters(options_by_param),
            "sort": self.sort,
            "sorts": [("newest", _("Newest first")), ("title", _("A–Z"))],
            "result_count": paginator.count,
        }
