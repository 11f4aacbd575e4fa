"""End-to-end tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

The live server is a real HTTP server on 127.0.0.1 over the test database: the demo site built
once per run (`tests/conftest.py`). What a browser does there (log in, submit, publish) is
committed by the server, so these tests cannot run in a transaction that is rolled back.

pytest-django gives `live_server` tests its `transactional_db`, which *flushes* every table
after each test: the tests that follow would find no demo site. Django's serialized rollback
does not help: it restores the data at the start of the *next* transactional test, not at the
end of this one, and neither flush nor serialization sees SQLite's full-text index. So this
package redefines `transactional_db`: the same committed database access for the test and the
server, and afterwards the database is put back exactly as it was, from a snapshot of the
demo site taken before the first end-to-end test (SQLite's backup API; on PostgreSQL, copies
of the tables in a schema of their own). The rest of the suite sees the demo site whatever the
order. Pages that got a revision during the test are reindexed after the restore, so that an
external search engine (OpenSearch) forgets what the test published.
"""

import os
import sqlite3

from django.db import connection, transaction

from wagtail.models import Page, Revision
from wagtail.search import index

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS


class SQLiteSnapshot:
    """The whole database file (the test database lives in memory), copied with SQLite's
    backup API: tables, sequences and the full-text index alike, in milliseconds."""

    def __init__(self):
        connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def restore(self):
        connection.ensure_connection()
        self.copy.backup(connection.connection)


class PostgreSQLSnapshot:
    """A copy of every table in the schema `e2e_snapshot` of the test database. Restoring
    empties the tables and copies the rows back in one transaction (foreign keys are checked at
    the commit); sequences keep counting up, so new rows never reuse an id."""

    schema = "e2e_snapshot"

    def __init__(self):
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            self.tables = connection.introspection.table_names(cursor, include_views=False)
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {self.schema}")
            for table in self.tables:
                cursor.execute(f"CREATE TABLE {self.schema}.{quote(table)} AS TABLE {quote(table)}")

    def restore(self):
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in self.tables))
            for table in map(quote, self.tables):  # names from introspection, quoted
                cursor.execute(f"INSERT INTO {table} SELECT * FROM {self.schema}.{table}")  # noqa: S608


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The demo site as the session built it (every other test rolls its changes back)."""
    snapshots = {"sqlite": SQLiteSnapshot, "postgresql": PostgreSQLSnapshot}
    if connection.vendor not in snapshots:
        pytest.skip(f"no database snapshot for {connection.vendor} in the end-to-end tests")
    with django_db_blocker.unblock():
        return snapshots[connection.vendor]()


@pytest.fixture
def transactional_db(django_db_setup, django_db_blocker, demo_snapshot):
    """Committed database access for the test and the live server (pytest-django's
    `_live_server_helper` requests this fixture by name), then the demo site put back."""
    with django_db_blocker.unblock():
        last_revision = Revision.page_revisions.order_by("-pk").values_list("pk", flat=True)[:1]
        last_revision = last_revision[0] if last_revision else 0
        yield
        revised = list(
            Revision.page_revisions.filter(pk__gt=last_revision).values_list("object_id", flat=True)
        )
        demo_snapshot.restore()
        for page in Page.objects.filter(pk__in=revised).specific():
            index.insert_or_update_object(page)


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the end-to-end tests.

    Package-scoped, not session-scoped: while Playwright's synchronous API is open, the main
    thread has a running asyncio event loop, and Django refuses database queries in such a
    thread unless DJANGO_ALLOW_ASYNC_UNSAFE is set. Both stay within this package.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run scripts/browsers.sh to install it")
    allow_async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if allow_async_unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allow_async_unsafe


@pytest.fixture
def page(browser, live_server):
    """A new browser context (no cookies, English first) and its page, on the live server.

    Afterwards the page is left, so that what it sends on leaving (Wagtail's editor releases
    its editing session with a beacon) reaches the server while the test still owns the
    database, and the context is closed once no request is in flight: the restore of the
    database never races with a request.
    """
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport=VIEWPORTS["desktop"]
    )
    context.set_default_timeout(15_000)
    in_flight = set()
    context.on("request", lambda request: in_flight.add(request))
    context.on("requestfinished", lambda request: in_flight.discard(request))
    context.on("requestfailed", lambda request: in_flight.discard(request))
    page = context.new_page()
    yield page
    page.goto("about:blank")
    for _attempt in range(100):
        if not in_flight:
            break
        page.wait_for_timeout(50)
    context.close()
