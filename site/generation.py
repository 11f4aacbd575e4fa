"""The generation of the content: a token that changes whenever a visitor could see a change.

`dcaht.cache` starts a new generation on every publication, unpublication, move or deletion of
a page, every save of a live page, and every change of a shared entity, view restriction, site,
locale, image or document. The
page cache stores pages under it, and `remember` keeps what a process derives from all of the
content under it: both are then never stale.

Each release of the site (its code, templates, static files, translations and installed
packages) keeps its own generation: pages cached by the release before, with its markup and
the hashed names of its static files, are not served by the next one.
"""

import functools
import hashlib
import importlib.metadata
import sys
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from pathlib import Path
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

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


def tree_fingerprint(root: Path) -> str:
    """A digest of the names and contents of the files under `root` (not Python's caches)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            try:
                content = path.read_bytes()
            except FileNotFoundError:  # An editor's swap file, gone since the listing.
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + content)
    return digest.hexdigest()


@functools.cache
def release() -> str:
    """The release this process serves: the project's apps, as files, and the versions of
    the installed distributions. The same on every worker and replica of one release, read
    once per process (a few hundred files: about 40 ms)."""
    digest = hashlib.sha256()
    for app in apps.get_app_configs():
        path = Path(app.path)
        # The project's own apps; the installed ones are named by their versions below.
        if path.is_relative_to(settings.BASE_DIR) and not path.is_relative_to(sys.prefix):
            digest.update(f"{app.label}:{tree_fingerprint(path)}".encode())
    for name, version in sorted(
        (dist.metadata["Name"] or "", dist.version) for dist in importlib.metadata.distributions()
    ):
        digest.update(f"{name}=={version};".encode())
    return digest.hexdigest()[:16]


def generation_key() -> str:
    return f"{GENERATION_KEY}:{release()}"


def _stored_generation() -> str:
    return cache.get_or_set(generation_key(), lambda: uuid.uuid4().hex, timeout=None)


def new_generation(*args, **kwargs) -> None:
    """Make every cached page and every derived value stale (old pages expire on their own).

    Inside a transaction, again when it commits: until then, other requests read the content
    as it was, and what they cache under the new generation would be served after the commit.
    """
    _start_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_start_generation)


def _start_generation() -> None:
    token = uuid.uuid4().hex
    cache.set(generation_key(), token, timeout=None)
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


class LastUsed:
    """Values of one kind, at most `most` of them: the one used least recently goes first."""

    def __init__(self, most: int):
        self.most = most
        self.values: OrderedDict = OrderedDict()

    def get(self, key: Hashable):
        """The value kept under `key`, or None."""
        value = self.values.get(key)
        if value is not None:
            self.values.move_to_end(key)
        return value

    def put(self, key: Hashable, value) -> None:
        self.values[key] = value
        self.values.move_to_end(key)
        while len(self.values) > self.most:
            self.values.popitem(last=False)


def last_used(kind: str, most: int) -> LastUsed:
    """The last `most` values of a kind this process used in this generation (a search's
    counts, a rendered card): for what is worth keeping for the visitors who ask for it again,
    but could not all be kept."""
    return remember(("last used", kind), lambda: LastUsed(most))


def recall(key: Hashable):
    """What `keep` stored under `key` in this generation, or None."""
    return _values().get(key)


def keep(key: Hashable, value) -> None:
    """Keep `value` until the generation changes: for what is worth keeping only when found
    (a URL that led to a page), which `remember` cannot tell apart."""
    _values()[key] = value
