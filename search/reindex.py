"""Keep the search text of pages right when a shared record they show changes.

A page's search text holds the names of the places, themes, organisations and people it links
to, in its language (`extra_search_text`). Renaming one of them, or translating it, must update
the text of every page that shows it. Each page type declares the paths to those records
(`search_select_related`, `search_prefetch_related`); this module follows them backwards and
re-indexes the pages found, in bulk: in the background when the "background" task backend
queues its tasks (production), as it can take many seconds.
"""

import logging
from collections import defaultdict

from django.apps import apps
from django.db import models
from django.db.models import Q

from modelsearch.backends import get_search_backends_with_name

from django_tasks import task

from dcaht.bulk import at_end_of_bulk, in_bulk
from dcaht.generation import new_generation
from dcaht.models import BasePage

logger = logging.getLogger(__name__)


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


def pages_showing(record: models.Model) -> dict[str, list[int]]:
    """The pages whose search text names `record`, in any of its languages: model label →
    primary keys."""
    versions = type(record).objects.filter(translation_key=record.translation_key)
    found = {}
    for page_model in page_models():
        condition = Q()
        for lookup in lookups_to(page_model, type(record)):
            condition |= Q(**{f"{lookup}__in": versions})
        if condition:
            pks = page_model.get_indexed_objects().filter(condition).values_list("pk", flat=True)
            if pks := sorted(set(pks)):
                found[page_model._meta.label] = pks
    return found


@task(backend="background")
def reindex_pages(pages: dict[str, list[int]]) -> int:
    """Re-index pages (model label → primary keys) in bulk, then start a new generation so
    that no cached search page keeps the old results; returns how many."""
    count = 0
    for label, pks in pages.items():
        page_model = apps.get_model(label)
        found = list(page_model.get_indexed_objects().filter(pk__in=pks))
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(page_model, found)
            except Exception:
                # As Wagtail's own indexing on save: an engine that is down must not lose the
                # editor's change; `update_index` repairs the index later.
                logger.exception("Re-indexing %s failed on %s", label, name)
                if not backend.catch_indexing_errors:
                    raise
        count += len(found)
    new_generation()
    return count


# The pages to re-index when a bulk of saves ends (model label → primary keys).
_deferred: dict[str, set[int]] = defaultdict(set)


def enqueue(pages: dict[str, list[int]]) -> None:
    """Re-index `pages` now, or once at the end of a bulk of saves (`dcaht.bulk`)."""
    if not in_bulk():
        reindex_pages.enqueue(pages)
        return
    for label, pks in pages.items():
        _deferred[label].update(pks)
    at_end_of_bulk("search.reindex", reindex_deferred)


def reindex_deferred() -> None:
    pages = {label: sorted(pks) for label, pks in _deferred.items()}
    _deferred.clear()
    if pages:
        reindex_pages.enqueue(pages)


def record_saved(sender, instance, **kwargs):
    if pages := pages_showing(instance):
        enqueue(pages)


def record_deleting(sender, instance, **kwargs):
    """Before a record goes, note the pages that show it: after, nothing links them to it."""
    instance._pages_showing = pages_showing(instance)


def record_deleted(sender, instance, **kwargs):
    if pages := getattr(instance, "_pages_showing", None):
        enqueue(pages)
