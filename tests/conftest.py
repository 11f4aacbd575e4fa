from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from wagtail.search.backends import get_search_backend

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo site, built once per run by the command `make run` uses, under every test.

    Each test runs in a transaction that is rolled back, so the demo content stays as built.
    On OpenSearch (SEARCH_URL set), the run gets its own indexes, built from the demo site
    and deleted at the end.
    """
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)
        call_command("sync_roles", verbosity=0)
        if settings.SEARCH_URL:
            call_command("update_index", backend_name="default", verbosity=0)
    yield
    if settings.SEARCH_URL:
        backend = get_search_backend("default")
        backend.es.indices.delete(index=f"{backend.index_prefix}*")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Tests roll their database changes back, not the cache: Wagtail caches the sites' root
    paths, which would outlive a test that moved a site's root."""
    cache.clear()
    yield
    cache.clear()
