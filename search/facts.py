"""What the database engine's search needs to know of every live page, read in bulk: the
values each page holds of each facet and the day it sorts by, from what each page type
declares (`BasePage.facets`, `BasePage.result_days`). OpenSearch holds the same for each page in
its index (`BasePage.search_facets`, `BasePage.search_day`)."""

from collections import ChainMap, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, get_page_models
from wagtail.query import PageQuerySet

from dcaht.facets import SEARCH_FACETS, declared_facets, holder_pairs
from dcaht.generation import remember

# The facets of the search page: the page's type, and those the page types declare.
FACETS = ("type", *SEARCH_FACETS)


@dataclass
class Facts:
    """What the facets and the result list need to know of a page, gathered in bulk."""

    locale_id: int
    path: str
    translation_key: str
    day: date | None
    held: dict[str, tuple[str, ...]]  # the values the page holds of each facet


def own_result_days(model) -> bool:
    """Whether a page type reads its pages' days itself rather than inheriting them."""
    return "result_days" in vars(model)


def gather_facts(pages: PageQuerySet) -> dict[int, Facts]:
    """The facts of every page, in a fixed number of queries whatever the number of pages: one
    per facet a page type declares, one per page type with days of its own."""
    page_ids = pages.values("pk")
    rows = list(
        pages.values_list(
            "id", "content_type_id", "locale_id", "path", "translation_key", "first_published_at"
        )
    )
    held = {facet: defaultdict(set) for facet in FACETS}
    days = {}
    for page_id, content_type_id, _locale_id, _path, _key, published in rows:
        held["type"][page_id].add(ContentType.objects.get_for_id(content_type_id).model)
        days[page_id] = published.date() if published else None
    for param in SEARCH_FACETS:
        for model, facet in declared_facets(param):
            for page_id, value in holder_pairs(model.objects.filter(pk__in=page_ids), facet):
                held[param][page_id].add(str(value))
    # A subclass's days after its parent's, which they override.
    models = sorted(filter(own_result_days, get_page_models()), key=lambda m: len(m.__mro__))
    for model in models:
        days.update(model.result_days(model.objects.filter(pk__in=page_ids)))
    return {
        page_id: Facts(
            locale_id,
            path,
            str(translation_key),
            days[page_id],
            {facet: tuple(sorted(held[facet].get(page_id, ()))) for facet in FACETS},
        )
        for page_id, _type, locale_id, path, translation_key, _published in rows
    }


def live_facts(locale_ids: list[int]) -> Mapping[int, Facts]:
    """The facts of the live pages of some locales, gathered once per locale and cache
    generation: a search reads the facts of its thousand matches from memory."""
    by_locale = [
        remember(
            ("live facts", locale_id),
            lambda locale_id=locale_id: gather_facts(
                Page.objects.live().filter(locale_id=locale_id)
            ),
        )
        for locale_id in locale_ids
    ]
    return by_locale[0] if len(by_locale) == 1 else ChainMap(*by_locale)
