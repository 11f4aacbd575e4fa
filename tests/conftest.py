from django.core.cache import cache
from django.core.management import call_command

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo site, built once per run by the command `make run` uses, under every test.

    Each test runs in a transaction that is rolled back, so the demo content stays as built.
    """
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)
        call_command("sync_roles", verbosity=0)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Tests roll their database changes back, not the cache: Wagtail caches the sites' root
    paths, which would outlive a test that moved a site's root."""
    cache.clear()
    yield
    cache.clear()
