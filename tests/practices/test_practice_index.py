from http import HTTPStatus

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from tests.home.factories import make_site
from tests.practices.factories import (
    GoodPracticePageFactory,
    PlaceFactory,
    PracticeIndexPageFactory,
    ThemeFactory,
)
from tests.utils import card_links

SEED_PRACTICES = {
    "Vienna – local GRETA working group for coordination of local actors",
    "Ljubljana – Memorandum of Cooperation between civil society and law enforcement",
    "Barcelona – Assistance to victims of human trafficking",
    "Russian Federation – Raising awareness to engage law enforcement",
}


def titles(response):
    return {title for _url, title in card_links(response.context["cards"])}


def listed(response):
    return [title for _url, title in card_links(response.context["cards"])]


class SeedPracticeIndexTests(TestCase):
    def test_lists_the_four_seed_practices(self):
        response = self.client.get("/en/practices/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(titles(response), SEED_PRACTICES)

    def test_filtering_by_slovenia_leaves_only_ljubljana(self):
        response = self.client.get("/en/practices/", {"country": "si"})

        self.assertEqual(
            titles(response),
            {"Ljubljana – Memorandum of Cooperation between civil society and law enforcement"},
        )

    def test_two_filters_narrow_and_values_of_one_filter_widen(self):
        theme_only = self.client.get("/en/practices/", {"theme": "victim-assistance"})
        theme_and_country = self.client.get(
            "/en/practices/", {"theme": "victim-assistance", "country": "es"}
        )
        two_countries = self.client.get("/en/practices/", {"country": ["es", "si"]})

        self.assertEqual(len(titles(theme_only)), 3)
        self.assertEqual(
            titles(theme_and_country), {"Barcelona – Assistance to victims of human trafficking"}
        )
        self.assertEqual(len(titles(two_countries)), 2)

    def test_each_option_count_is_the_number_of_results_it_gives(self):
        base = {"theme": "victim-assistance"}
        response = self.client.get("/en/practices/", base)

        checked = 0
        for item in response.context["facets"]:
            param = item["facet"].param
            for option in item["options"]:
                if option.selected or param == "theme":
                    continue
                filtered = self.client.get("/en/practices/", {**base, param: option.value})
                with self.subTest(param=param, value=option.value):
                    self.assertEqual(filtered.context["result_count"], option.count)
                checked += 1
        self.assertGreater(checked, 5)

    def test_sort_a_to_z(self):
        response = self.client.get("/en/practices/", {"sort": "title"})

        self.assertEqual(listed(response), sorted(SEED_PRACTICES))

    def test_empty_state_offers_to_remove_each_filter(self):
        response = self.client.get(
            "/en/practices/", {"country": "si", "theme": "awareness-raising"}
        )

        self.assertEqual(response.context["result_count"], 0)
        self.assertContains(response, "No practice matches all these filters.")
        self.assertContains(response, 'href="?theme=awareness-raising"')
        self.assertContains(response, 'href="?country=si"')

    def test_bad_filter_input_never_fails(self):
        cases = [
            {"country": "xyz"},
            {"page": "999999"},
            {"page": "abc"},
            {"theme": "x" * 5000},
            {"sort": "'; DROP TABLE"},
            {"country": ["si"] * 200},
        ]
        for params in cases:
            with self.subTest(params=str(params)[:40]):
                response = self.client.get("/en/practices/", params)

                self.assertEqual(response.status_code, HTTPStatus.OK)

    def test_unknown_values_are_ignored(self):
        response = self.client.get("/en/practices/", {"country": ["xyz", "si"]})

        self.assertEqual(len(titles(response)), 1)
        self.assertEqual(len(titles(self.client.get("/en/practices/", {"country": "xyz"}))), 4)

    def test_listing_in_another_language_lists_that_languages_pages(self):
        response = self.client.get("/sl/practices/", {"country": "si"})

        [(url, _title)] = card_links(response.context["cards"])
        self.assertTrue(url.startswith("/sl/"), url)


class PracticeIndexQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = make_site()
        cls.index = PracticeIndexPageFactory(parent=home)
        cls.theme = ThemeFactory()

    def add_practices(self, count):
        for _ in range(count):
            GoodPracticePageFactory(parent=self.index, places=[PlaceFactory()], themes=[self.theme])

    def count_queries(self, url):
        self.client.get(url)  # Warm the per-process caches (site root paths, content types).
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return len(queries)

    def test_listing_queries_do_not_grow_with_the_number_of_practices(self):
        url = f"/en/practices/?theme={self.theme.slug}"
        self.add_practices(3)
        with_three = self.count_queries(url)

        self.add_practices(27)
        with_thirty = self.count_queries(url)

        self.assertEqual(with_three, with_thirty)
        self.assertLess(with_thirty, 40)

    def test_practice_page_queries_do_not_grow_with_the_number_of_practices(self):
        self.add_practices(3)
        first = self.index.get_children().first()
        with_three = self.count_queries(first.url)

        self.add_practices(27)
        with_thirty = self.count_queries(first.url)

        self.assertEqual(with_three, with_thirty)


class LongFacetTests(TestCase):
    """A facet with many options shows the twelve with most results and a link to all."""

    @classmethod
    def setUpTestData(cls):
        home = make_site()
        cls.index = PracticeIndexPageFactory(parent=home)
        cls.places = [PlaceFactory(name=f"Town {number:02}") for number in range(15)]
        for number, place in enumerate(cls.places):
            for _ in range(1 + (number >= 3)):  # The first three places have one practice.
                GoodPracticePageFactory(parent=cls.index, places=[place])

    def place_options(self, response):
        [entry] = [item for item in response.context["facets"] if item["facet"].param == "place"]
        return entry, [option.label for option in entry["options"]]

    def test_the_options_with_most_results_are_shown_with_a_link_to_the_rest(self):
        response = self.client.get("/en/practices/")
        entry, labels = self.place_options(response)

        self.assertEqual(labels, [f"Town {number:02}" for number in range(3, 15)])
        self.assertEqual(entry["hidden"], 3)
        self.assertContains(response, "Place: show 3 more")

        expanded = self.client.get(f"/en/practices/?{entry['show_all_query']}")
        _entry, all_labels = self.place_options(expanded)
        self.assertEqual(len(all_labels), 15)

    def test_a_selected_option_is_always_shown(self):
        response = self.client.get("/en/practices/", {"place": self.places[0].slug})
        entry, labels = self.place_options(response)

        self.assertIn("Town 00", labels)
        self.assertEqual(entry["hidden"], 2)


class FilteredPaginationTests(TestCase):
    """Under a filter, the pages list each matching practice once, in the listing's order."""

    @classmethod
    def setUpTestData(cls):
        home = make_site()
        cls.index = PracticeIndexPageFactory(parent=home)
        cls.theme, other = ThemeFactory(), ThemeFactory()
        for number in range(40):
            GoodPracticePageFactory(
                parent=cls.index,
                title=f"Practice {number:02}",
                themes=[cls.theme if number % 3 == 0 else other],
            )

    def listing_page(self, page):
        response = self.client.get(
            "/en/practices/", {"theme": self.theme.slug, "sort": "title", "page": page}
        )
        return response, listed(response)

    def test_the_pages_of_a_filtered_listing_follow_each_other(self):
        first, on_first = self.listing_page(1)
        _second, on_second = self.listing_page(2)

        expected = [f"Practice {number:02}" for number in range(0, 40, 3)]
        self.assertEqual(first.context["result_count"], 14)
        self.assertEqual(on_first + on_second, expected)
        self.assertEqual(len(on_first), 12)
