"""The content generation a request works with: read once, and moved on by the request's own
changes."""

import tempfile
from pathlib import Path

from django.http import HttpResponse
from django.test import RequestFactory, SimpleTestCase

from dcaht.generation import (
    GenerationMiddleware,
    generation,
    last_used,
    new_generation,
    release,
    remember,
    tree_fingerprint,
)


class GenerationMiddlewareTests(SimpleTestCase):
    def test_a_request_sees_its_own_change_and_the_next_request_too(self):
        seen = {}

        def view(request):
            seen["start"] = generation()
            new_generation()  # e.g. the editor published a page
            seen["after change"] = generation()
            return HttpResponse()

        GenerationMiddleware(view)(RequestFactory().get("/"))

        self.assertNotEqual(seen["after change"], seen["start"])
        self.assertEqual(generation(), seen["after change"])

    def test_what_is_remembered_is_derived_again_after_a_change(self):
        calls = []

        def derive():
            calls.append(1)
            return len(calls)

        first = remember(("test value",), derive)
        again = remember(("test value",), derive)
        new_generation()
        after = remember(("test value",), derive)

        self.assertEqual((first, again, after), (1, 1, 2))

    def test_the_last_used_values_are_bounded_and_forgotten_after_a_change(self):
        """What a process keeps of the last searches and cards stays within its bound (the
        value used least recently goes first) and is not read after a change."""
        kept = last_used("test values", 2)
        kept.put("a", 1)
        kept.put("b", 2)
        kept.get("a")  # "b" is now the least recently used
        kept.put("c", 3)

        self.assertEqual((kept.get("a"), kept.get("b"), kept.get("c")), (1, None, 3))
        self.assertIs(last_used("test values", 2), kept)
        new_generation()
        self.assertIsNone(last_used("test values", 2).get("a"))


class ReleaseTests(SimpleTestCase):
    def test_a_release_is_named_by_its_files_not_by_pythons_caches(self):
        with tempfile.TemporaryDirectory() as directory:
            root = Path(directory)
            (root / "templates").mkdir()
            template = root / "templates" / "card.html"
            template.write_text("<p>{{ title }}</p>")
            first = tree_fingerprint(root)
            (root / "__pycache__").mkdir()
            (root / "__pycache__" / "models.cpython-311.pyc").write_bytes(b"compiled")
            (root / "views.pyc").write_bytes(b"compiled")
            again = tree_fingerprint(root)
            template.write_text("<h3>{{ title }}</h3>")
            changed = tree_fingerprint(root)

        self.assertEqual(again, first)
        self.assertNotEqual(changed, first)

    def test_the_running_release_is_read_once_and_is_the_same_for_every_caller(self):
        self.assertRegex(release(), r"^[0-9a-f]{16}$")
        self.assertIs(release(), release())
