from http import HTTPStatus

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from tests.home.factories import make_site
from tests.practices.factories import OrganisationFactory, ThemeFactory
from tests.resources.factories import (
    GuidelinePageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    RoundTableReportPageFactory,
    load_demo_resources,
)

SEED_RESOURCES = {
    "Round Table on Preventing & Combating Human Trafficking and Exploitation at Local Level",
    "Guidelines for Municipalities",
    "UN Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and "
    "Children (“Palermo Protocol”)",
    "Directive 2011/36/EU of the European Parliament and of the Council on preventing and "
    "combating trafficking in human beings and protecting its victims",
    "Trafficking Along Migration Routes (TRAM)",
    "European hotline for missing children",
}
URL = "/en/resources/"


def titles(response):
    return {card["page"].title for card in response.context["cards"]}


class SeedResourceIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo_resources()

    def test_lists_every_seed_resource(self):
        response = self.client.get(URL)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(titles(response), SEED_RESOURCES)
        self.assertContains(response, "6 resources")

    def test_filter_by_kind(self):
        response = self.client.get(URL, {"kind": "legal-instrument"})

        self.assertEqual(len(titles(response)), 2)
        self.assertTrue(
            all(card["kind"] == "Legal instrument" for card in response.context["cards"])
        )
        both = self.client.get(URL, {"kind": ["study", "hotline"]})
        self.assertEqual(
            titles(both),
            {"Trafficking Along Migration Routes (TRAM)", "European hotline for missing children"},
        )

    def test_filter_by_theme(self):
        response = self.client.get(URL, {"theme": "child-protection"})

        self.assertEqual(
            titles(response),
            {
                "Round Table on Preventing & Combating Human Trafficking and Exploitation at "
                "Local Level",
                "Trafficking Along Migration Routes (TRAM)",
                "European hotline for missing children",
            },
        )

    def test_filter_by_year(self):
        response = self.client.get(URL, {"year": "2011"})

        self.assertEqual(len(titles(response)), 1)
        self.assertTrue(titles(response).pop().startswith("Directive 2011/36/EU"))

    def test_each_option_count_is_the_number_of_results_it_gives(self):
        checked = 0
        for base in [{}, {"theme": "victim-assistance"}, {"kind": "legal-instrument"}]:
            response = self.client.get(URL, base)
            for item in response.context["facets"]:
                param = item["facet"].param
                for option in item["options"]:
                    if option.selected or param in base:
                        continue
                    filtered = self.client.get(URL, {**base, param: option.value})
                    with self.subTest(base=base, param=param, value=option.value):
                        self.assertEqual(filtered.context["result_count"], option.count)
                    checked += 1
        self.assertGreater(checked, 15)

    def test_year_options_are_the_years_known(self):
        response = self.client.get(URL)

        facets = {item["facet"].param: item["options"] for item in response.context["facets"]}
        self.assertEqual([option.value for option in facets["year"]], ["2017", "2011"])
        self.assertEqual(
            {option.value for option in facets["kind"]},
            {"report", "guideline", "legal-instrument", "study", "hotline"},
        )

    def test_sort_newest_puts_the_most_recent_year_first_and_a_to_z_sorts_titles(self):
        newest = self.client.get(URL)
        a_to_z = self.client.get(URL, {"sort": "title"})

        years = [card["page"].year for card in newest.context["cards"]]
        self.assertEqual(years[:2], [2017, 2011])
        self.assertEqual(set(years[2:]), {None})
        listed = [card["page"].title for card in a_to_z.context["cards"]]
        self.assertEqual(listed, sorted(SEED_RESOURCES))

    def test_filters_are_shareable_links(self):
        response = self.client.get(URL, {"kind": "study", "theme": "child-protection"})

        self.assertContains(response, 'href="?theme=child-protection"')
        self.assertContains(response, 'href="?kind=study"')
        self.assertContains(response, 'value="study" checked')

    def test_empty_state_offers_to_remove_each_filter(self):
        response = self.client.get(URL, {"kind": "hotline", "year": "2011"})

        self.assertEqual(response.context["result_count"], 0)
        self.assertContains(response, "No resource matches all these filters.")
        self.assertContains(response, 'href="?year=2011"')
        self.assertContains(response, 'href="?kind=hotline"')

    def test_bad_input_never_fails(self):
        cases = [
            {"kind": "xyz"},
            {"theme": "x" * 5000},
            {"year": "x" * 5000},
            {"year": ["1", "-2011", "20111", "２０１１"]},
            {"page": "abc"},
            {"page": "999999"},
            {"page": "-1"},
            {"sort": "'; DROP TABLE"},
            {"kind": ["study"] * 200},
            {"kind": "\x00"},
        ]
        for params in cases:
            with self.subTest(params=str(params)[:40]):
                response = self.client.get(URL, params)

                self.assertEqual(response.status_code, HTTPStatus.OK)

    def test_unknown_values_are_ignored(self):
        response = self.client.get(URL, {"kind": ["xyz", "study"], "year": "19"})

        self.assertEqual(titles(response), {"Trafficking Along Migration Routes (TRAM)"})

    def test_listing_in_another_language_lists_that_languages_pages(self):
        response = self.client.get("/sl/resources/", {"kind": "report"})

        cards = response.context["cards"]
        self.assertEqual(len(cards), 1)
        self.assertEqual(cards[0]["page"].locale.language_code, "sl")
        self.assertContains(response, 'href="/sl/resources/round-table-vienna-2017-report/"')


class ResourceIndexPaginationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = ResourceIndexPageFactory(parent=make_site())
        for number in range(15):
            ResourcePageFactory(parent=cls.index, title=f"Resource {number:02}")

    def test_pages_of_twelve(self):
        first = self.client.get(URL, {"sort": "title"})
        second = self.client.get(URL, {"sort": "title", "page": "2"})

        self.assertEqual(len(first.context["cards"]), 12)
        self.assertEqual(len(second.context["cards"]), 3)
        self.assertContains(first, 'href="?sort=title&amp;page=2"')


class ResourceIndexQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = ResourceIndexPageFactory(parent=make_site())
        cls.theme = ThemeFactory()

    def add_resources(self, count):
        for number in range(count):
            factory = [ResourcePageFactory, RoundTableReportPageFactory, GuidelinePageFactory][
                number % 3
            ]
            factory(
                parent=self.index,
                year=2000 + number,
                issuing_body=OrganisationFactory(),
                themes=[self.theme, ThemeFactory()],
            )

    def count_queries(self, url):
        self.client.get(url)  # Warm the per-process caches (site root paths, content types).
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return len(queries)

    def test_listing_queries_do_not_grow_with_the_number_of_resources(self):
        url = f"{URL}?theme={self.theme.slug}"
        self.add_resources(3)
        with_three = self.count_queries(url)

        self.add_resources(27)
        with_thirty = self.count_queries(url)

        self.assertEqual(with_three, with_thirty)
        self.assertLess(with_thirty, 40)
