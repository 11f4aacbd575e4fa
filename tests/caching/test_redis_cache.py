"""The Redis cache production uses (`REDIS_URL`): every call shares one client per connection
pool, and the cache works as Django's does."""

import os
import uuid
from unittest import skipUnless

from django.test import SimpleTestCase

from dcaht.redis_cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "")


@skipUnless(REDIS_URL, "needs a real Redis: set REDIS_URL (make services)")
class RedisCacheTests(SimpleTestCase):
    def setUp(self):
        self.prefix = f"test-{uuid.uuid4().hex}"
        self.cache = RedisCache(REDIS_URL, {"KEY_PREFIX": self.prefix})
        self.addCleanup(self.forget_keys)

    def forget_keys(self):
        """Delete this test's keys only (`cache.clear()` would empty the whole database)."""
        client = self.cache._cache.get_client(write=True)
        if keys := list(client.scan_iter(match=f"{self.prefix}:*")):
            client.delete(*keys)

    def test_values_are_stored_read_and_deleted(self):
        self.cache.set("generation", "abc", timeout=None)
        self.cache.set_many({"card:1": "<li>1</li>", "card:2": "<li>2</li>"})

        self.assertEqual(self.cache.get("generation"), "abc")
        self.assertEqual(
            self.cache.get_many(["card:1", "card:2", "card:3"]),
            {"card:1": "<li>1</li>", "card:2": "<li>2</li>"},
        )
        self.cache.delete("card:1")
        self.assertIsNone(self.cache.get("card:1"))

    def test_every_call_uses_the_same_client(self):
        clients = set()
        client_class = self.cache._cache._client

        def remembered(*args, **kwargs):
            client = client_class(*args, **kwargs)
            clients.add(client)
            return client

        self.cache._cache._client = remembered
        for number in range(5):
            self.cache.set(f"key:{number}", number)
            self.cache.get(f"key:{number}")

        self.assertEqual(len(clients), 1)
