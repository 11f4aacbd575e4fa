"""The content generation a request works with: read once, and moved on by the request's own
changes."""

from django.http import HttpResponse
from django.test import RequestFactory, SimpleTestCase

from dcaht.generation import GenerationMiddleware, generation, new_generation, remember


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
