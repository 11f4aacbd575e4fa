"""The counts of searches editors read (Reports → Search terms, Searches without results),
kept in memory and written in batches.

Writing a search's counts while answering it cost a search page a tenth of its work: a
transaction of two upserts on the same few rows. Each process adds the searches it answers to
its tally, and writes the tally after a request once `SEARCH_STATISTICS_SECONDS` have passed
since the last write (0: after every search), and when the process exits. The counts appear
within seconds on a site in use; a process killed without warning loses its last seconds of
counts, never anything else; a write that fails keeps them for the next, and a count the
database refuses is left out, not kept to fail again.
"""

import atexit
import logging
import threading
import time
from collections import Counter
from contextlib import contextmanager
from datetime import date, datetime

from django.conf import settings
from django.core.signals import request_finished
from django.db import DatabaseError, DataError, IntegrityError, connection, transaction
from django.dispatch import receiver
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from .models import UnansweredQuery

logger = logging.getLogger(__name__)

# The longest query each table keeps.
QUERY_LENGTH = Query._meta.get_field("query_string").max_length
UNANSWERED_QUERY_LENGTH = UnansweredQuery._meta.get_field("query_string").max_length


class Tally:
    """The searches a process answered since it last wrote them."""

    def __init__(self):
        self.lock = threading.Lock()
        self._start()

    def _start(self) -> None:
        self.searches: Counter[tuple[str, date]] = Counter()  # query as counted, day
        self.unanswered: Counter[tuple[str, int]] = Counter()  # query, locale id
        self.last_unanswered: dict[tuple[str, int], datetime] = {}
        self.started = time.monotonic()

    def add(self, query: str, locale_id: int, *, answered: bool) -> None:
        now = timezone.now()
        # Cut after lower-casing, which can lengthen a text ("İ" is two characters in lower case).
        counted = normalise_query_string(query)[:QUERY_LENGTH]
        with self.lock:
            self.searches[counted, now.date()] += 1
            if not answered:
                key = (query.lower()[:UNANSWERED_QUERY_LENGTH], locale_id)
                self.unanswered[key] += 1
                self.last_unanswered[key] = now

    def due(self) -> bool:
        return time.monotonic() - self.started >= settings.SEARCH_STATISTICS_SECONDS

    def write(self) -> None:
        """Write the counts kept so far, and start counting afresh."""
        with self.lock:
            searches, unanswered, last = self.searches, self.unanswered, self.last_unanswered
            self._start()
        if not searches and not unanswered:
            return
        try:
            write_counts(searches, unanswered, last)
        except DatabaseError:
            logger.warning("Search statistics not written; kept for the next write.", exc_info=True)
            with self.lock:
                self.searches.update(searches)
                self.unanswered.update(unanswered)
                self.last_unanswered = {**last, **self.last_unanswered}


def write_counts(searches, unanswered, last_unanswered) -> None:
    """Add the counts to the tables, as Wagtail's `Query.get(query).add_hit()` and
    `UnansweredQuery` count them, in one transaction. Statistics need not wait for the disk:
    on PostgreSQL, the commit returns before the write-ahead log is flushed. A count the
    database refuses is left out, with a warning, and the others are written."""
    queries = connection.ops.quote_name(Query._meta.db_table)
    daily = connection.ops.quote_name(QueryDailyHits._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        for (query_string, day), hits in searches.items():
            # `INSERT … ON CONFLICT`, which PostgreSQL and SQLite both understand. The table
            # names come from the models, never from the visitor.
            with refused_left_out(query_string):
                cursor.execute(
                    f"INSERT INTO {queries} (query_string) VALUES (%s) "  # noqa: S608
                    "ON CONFLICT (query_string) DO NOTHING",
                    [query_string],
                )
                cursor.execute(
                    f"INSERT INTO {daily} (query_id, date, hits) "  # noqa: S608
                    f"SELECT id, %s, %s FROM {queries} WHERE query_string = %s "
                    f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {daily}.hits + %s",
                    [day, hits, query_string, hits],
                )
        for (query_string, locale_id), hits in unanswered.items():
            with refused_left_out(query_string):
                UnansweredQuery.add_searches(
                    query_string, locale_id, hits, last_unanswered[query_string, locale_id]
                )


@contextmanager
def refused_left_out(query_string: str):
    """Write in a savepoint, and leave the count out if the database refuses its values: one
    bad count must not keep the others from ever being written."""
    try:
        with transaction.atomic():
            yield
    except (DataError, IntegrityError):
        logger.warning("Search statistic left out: %r", query_string, exc_info=True)


tally = Tally()
atexit.register(tally.write)


@receiver(request_finished, dispatch_uid="write-search-statistics")
def write_when_due(**kwargs) -> None:
    if tally.due():
        tally.write()
