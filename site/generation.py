"""The generation of the content: a token that changes whenever a visitor could see a change.

`dcaht.cache` starts a new generation on every publication, unpublication, move or deletion of
a page, every save of a live page, and every change of a shared entity, view restriction, site,
locale, image or document. The
page cache stores pages under it, and `remember` keeps what a process derives from all of the
content under it: both are then never stale.
"""

import uuid
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache

GENERATION_KEY = "page-cache:generation"
T = TypeVar("T")

# What this process derived from all of the content, for one generation (see `remember`).
_derived: dict = {"generation": None, "values": {}}
# The generation the current request started with (see GenerationMiddleware).
_request_generation: ContextVar[str | None] = ContextVar("request_generation", default=None)


def generation() -> str:
    """A token naming the current state of the content: never reused, even after a cache
    flush, so that what a process keeps in memory under a token cannot outlive the flush."""
    return _request_generation.get() or _stored_generation()


def _stored_generation() -> str:
    return cache.get_or_set(GENERATION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def new_generation(*args, **kwargs) -> None:
    """Make every cached page and every derived value stale (old pages expire on their own)."""
    token = uuid.uuid4().hex
    cache.set(GENERATION_KEY, token, timeout=None)
    if _request_generation.get() is not None:
        _request_generation.set(token)  # The rest of this request sees its own change.


class GenerationMiddleware:
    """Read the generation once per request, not at each use: one cache round trip, and one
    consistent state of the content for everything the request builds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set(_stored_generation())
        try:
            return self.get_response(request)
        finally:
            _request_generation.reset(token)


def _values() -> dict:
    """What this process keeps for the current generation (emptied when it changes)."""
    current = generation()
    if _derived["generation"] != current:
        _derived.update(generation=current, values={})
    return _derived["values"]


def remember(key: Hashable, derive: Callable[[], T]) -> T:
    """`derive()`, computed once per generation in this process and kept in its memory.

    For what a request would otherwise compute from every practice (which practices hold
    each filter value, the facts of the live pages, the home page's figures): built by the
    first request after a change, then read by every request until the next change.
    """
    values = _values()
    if key not in values:
        values[key] = derive()
    return values[key]


def recall(key: Hashable):
    """What `keep` stored under `key` in this generation, or None."""
    return _values().get(key)


def keep(key: Hashable, value) -> None:
    """Keep `value` until the generation changes: for what is worth keeping only when found
    (a URL that led to a page), which `remember` cannot tell apart."""
    _values()[key] = value
