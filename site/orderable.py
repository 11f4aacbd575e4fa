"""Positions for ordered child rows (Wagtail's `Orderable`) stored without one.

The admin numbers the rows of an inline panel; code that builds them must number them itself.
The demo content did not, before 29 November 2026: its practices' organisations, the report's
organisations and contributions and the home page's featured practices had no position, and
PostgreSQL may return such rows in any order. The migrations that call `number_unordered`
mend the databases loaded then.
"""

from itertools import groupby

from django.db.models import Max


def number_unordered(model) -> None:
    """Give each row of `model` without a position one after its page's other rows, in the
    order the rows were created."""
    unordered = model.objects.filter(sort_order__isnull=True).order_by("page_id", "pk")
    numbered = []
    for page_id, rows in groupby(unordered, key=lambda row: row.page_id):
        last = model.objects.filter(page_id=page_id).aggregate(last=Max("sort_order"))["last"]
        first = 0 if last is None else last + 1
        for position, row in enumerate(rows, start=first):
            row.sort_order = position
            numbered.append(row)
    model.objects.bulk_update(numbered, ["sort_order"], batch_size=500)
