"""Keep the search text of pages right when a shared record they show changes.

A page's search text holds the names of the places, themes, organisations and people it links
to, in its language (`extra_search_text`). Renaming one of them, or translating it, must update
the text of every page that shows it. Each page type declares the paths to those records
(`search_select_related`, `search_prefetch_related`); this module follows them backwards and
re-indexes the pages found, in bulk.
"""

import logging

from django.apps import apps
from django.db import models
from django.db.models import Q

from modelsearch.backends import get_search_backends_with_name

from django_tasks import task

from dcaht.models import BasePage, Country, Organisation, Person, Place, TargetGroup, Theme

logger = logging.getLogger(__name__)

SHARED_MODELS = (Country, Place, Theme, TargetGroup, Organisation, Person)


def page_models() -> list[type[BasePage]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BasePage)
        and (model.search_select_related or model.search_prefetch_related)
    ]


def lookups_to(page_model: type[BasePage], target: type[models.Model]) -> list[str]:
    """The ORM paths from a page type to the records of `target` its search text reads."""
    lookups = set()
    for path in (*page_model.search_select_related, *page_model.search_prefetch_related):
        parts = path.split("__")
        model = page_model
        for depth, part in enumerate(parts, start=1):
            model = model._meta.get_field(part).related_model
            if model is target:
                lookups.add("__".join(parts[:depth]))
    return sorted(lookups)


def pages_showing(record: models.Model) -> dict[type[BasePage], list[BasePage]]:
    """Every page whose search text names `record` (in any of its languages), by type."""
    versions = type(record).objects.filter(translation_key=record.translation_key)
    found = {}
    for page_model in page_models():
        condition = Q()
        for lookup in lookups_to(page_model, type(record)):
            condition |= Q(**{f"{lookup}__in": versions})
        if condition:
            pages = list(page_model.get_indexed_objects().filter(condition).distinct())
            if pages:
                found[page_model] = pages
    return found


@task()
def reindex_pages_showing(app_label: str, model_name: str, pk: int) -> int:
    """Re-index, in bulk, the pages showing one shared record; returns how many."""
    record = apps.get_model(app_label, model_name).objects.filter(pk=pk).first()
    if record is None:
        return 0
    found = pages_showing(record)
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        for page_model, pages in found.items():
            try:
                backend.add_bulk(page_model, pages)
            except Exception:
                # As Wagtail's own indexing on save: an engine that is down must not lose the
                # editor's change; `update_index` repairs the index later.
                logger.exception("Re-indexing pages showing %r failed on %s", record, name)
                if not backend.catch_indexing_errors:
                    raise
    return sum(len(pages) for pages in found.values())


def record_saved(sender, instance, **kwargs):
    reindex_pages_showing.enqueue(instance._meta.app_label, instance._meta.model_name, instance.pk)
