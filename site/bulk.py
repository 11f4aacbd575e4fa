"""Saving many records at once (the demo's translations): what each save would start, such as
re-indexing the pages that show a record, is done once when the bulk ends."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

# What runs when the bulk ends, by key; None outside a bulk.
_at_end: dict[str, Callable[[], None]] | None = None


@contextmanager
def saving_in_bulk() -> Iterator[None]:
    global _at_end
    if _at_end is not None:
        yield
        return
    _at_end = {}
    try:
        yield
    finally:
        callbacks, _at_end = _at_end, None
        for callback in callbacks.values():
            callback()


def in_bulk() -> bool:
    return _at_end is not None


def at_end_of_bulk(key: str, callback: Callable[[], None]) -> None:
    """Run `callback` once when the current bulk ends, however often it is asked for."""
    _at_end[key] = callback
