from http import HTTPStatus

from django.test import TestCase


class SearchPageTests(TestCase):
    def test_finds_pages_of_the_visitors_language(self):
        response = self.client.get("/en/search/", {"q": "Danube"})

        self.assertEqual(response.status_code, HTTPStatus.OK)
        languages = {page.locale.language_code for page in response.context["search_results"]}
        self.assertEqual(languages, {"en"})

    def test_hostile_input_never_fails(self):
        for query in ['"((', "AND OR ( ) * ~ ^", "<script>alert(1)</script>", "x" * 5000]:
            with self.subTest(query=query[:20]):
                response = self.client.get("/en/search/", {"q": query, "page": "abc"})

                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertNotContains(response, "<script>alert(1)</script>")
