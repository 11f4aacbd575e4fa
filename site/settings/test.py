"""The test suite: same stack as production, tuned for speed and isolation."""

import os

from .base import *  # noqa: F403
from .base import SEARCH_INDEX_PREFIX, SEARCH_URL, search_backends, task_backends

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests read the context of rendered responses; the page cache's own tests turn it on.
PAGE_CACHE_SECONDS = 0
# Each search's counts are written after its request; their own tests wait longer.
SEARCH_STATISTICS_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = task_backends("immediate")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# wagtail-localize's own stand-in for DeepL: it "translates" by reversing each string.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}

# Each test run gets its own OpenSearch indexes, so runs never see each other's documents.
WAGTAILSEARCH_BACKENDS = search_backends(SEARCH_URL, f"{SEARCH_INDEX_PREFIX}_test_{os.getpid()}")

# Static files come from the apps' folders, as in development; no collectstatic is needed.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
