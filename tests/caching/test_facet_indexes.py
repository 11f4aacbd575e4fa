"""What listings and search keep in memory between requests (which practices hold each filter
value, the facts of the live pages) follows every change: nothing a visitor sees is stale."""

from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from dcaht.generation import generation
from dcaht.models import Place, Theme
from practices.models import GoodPracticePage
from search.service import SearchService
from tests.practices.factories import GoodPracticePageFactory
from tests.search.test_search import SearchTestCase
from tests.utils import card_links

VIENNA = "vienna-local-greta-working-group"


def options(response, param):
    """{value: count} of one facet of a listing's filter form."""
    for item in response.context["facets"]:
        if item["facet"].param == param:
            return {option.value: option.count for option in item["options"]}
    return {}


def titles(response):
    return {title for _url, title in card_links(response.context["cards"])}


class PracticeListingFreshnessTests(TestCase):
    def setUp(self):
        self.vienna = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="en")
        self.index = self.vienna.get_parent()

    def test_a_published_practice_is_listed_and_counted_at_once(self):
        before = self.client.get("/en/practices/", {"country": "si"})
        practice = GoodPracticePage(title="Maribor – outreach to farm workers", live=False)
        self.index.add_child(instance=practice)
        practice.places.set([Place.objects.get(slug="ljubljana", locale=practice.locale)])
        practice.save_revision().publish()

        after = self.client.get("/en/practices/", {"country": "si"})

        self.assertNotIn("Maribor – outreach to farm workers", titles(before))
        self.assertIn("Maribor – outreach to farm workers", titles(after))
        self.assertEqual(options(after, "country")["si"], options(before, "country")["si"] + 1)

    def test_an_unpublished_practice_leaves_the_counts_at_once(self):
        theme = "stakeholder-coordination"
        before = options(self.client.get("/en/practices/"), "theme")
        self.vienna.unpublish()

        after = self.client.get("/en/practices/", {"theme": theme})

        self.assertEqual(options(after, "theme").get(theme, 0), before[theme] - 1)
        self.assertNotIn(self.vienna.title, titles(after))

    def test_a_live_practice_saved_by_code_is_seen_without_a_publication(self):
        self.client.get("/en/practices/")
        theme = Theme.objects.get(slug="child-protection", locale=self.vienna.locale)
        GoodPracticePageFactory(
            parent=self.index,
            title="Created by an import",
            places=list(self.vienna.places.all()),  # no new entity: only the page is saved
            themes=[theme],
        )

        response = self.client.get("/en/practices/", {"theme": "child-protection"})

        self.assertIn("Created by an import", titles(response))

    def test_a_published_practice_sharing_its_themes_is_related_at_once(self):
        before = self.client.get(self.vienna.url).context["related_practices"]
        practice = GoodPracticePage(title="Aalen – a practice on the same themes", live=False)
        self.index.add_child(instance=practice)
        practice.places.set(self.vienna.places.all())
        practice.themes.set(self.vienna.themes.all())
        practice.save_revision().publish()

        after = self.client.get(self.vienna.url).context["related_practices"]

        self.assertNotIn(practice.pk, [page.pk for page in before])
        self.assertEqual(after[0].pk, practice.pk)  # shares both themes; first A to Z

    def test_a_renamed_practice_moves_in_the_a_to_z_order(self):
        self.client.get("/en/practices/", {"sort": "title"})
        self.vienna.title = "Aardvark – first in the list"
        self.vienna.save_revision().publish()

        response = self.client.get("/en/practices/", {"sort": "title"})

        self.assertEqual(card_links(response.context["cards"])[0][1], self.vienna.title)

    def test_a_renamed_theme_shows_on_the_cards_of_every_listing_at_once(self):
        self.client.get("/en/practices/")
        self.client.get("/en/practices/", {"country": "at"})
        theme = Theme.objects.get(slug="stakeholder-coordination", locale=self.vienna.locale)
        theme.name = "Coordination of local actors"
        theme.save()

        for params in ({}, {"country": "at"}):
            with self.subTest(params=params):
                response = self.client.get("/en/practices/", params)
                self.assertContains(response, "<li>Coordination of local actors</li>", html=False)

    def test_cards_are_rendered_once_for_every_listing_showing_them(self):
        def card_loads(queries):  # The query loading practices to render their cards.
            return [q for q in queries if '"practices_goodpracticepage"."summary"' in q["sql"]]

        with CaptureQueriesContext(connection) as first_time:
            first = self.client.get("/en/practices/", {"theme": "victim-assistance"})
        with CaptureQueriesContext(connection) as second_time:
            second = self.client.get(
                "/en/practices/", {"theme": "victim-assistance", "sort": "title"}
            )

        self.assertEqual(titles(first), titles(second))
        self.assertEqual(len(card_loads(first_time)), 1)
        self.assertEqual(card_loads(second_time), [])

    def test_a_flushed_cache_never_brings_back_an_older_state(self):
        token = generation()
        cache.clear()

        self.assertNotEqual(generation(), token)


class SearchFreshnessTests(SearchTestCase):
    def test_an_unpublished_page_leaves_the_results_and_facets_at_once(self):
        vienna = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="en")
        before = self.client.get("/en/search/", {"q": "GRETA"})
        vienna.unpublish()

        after = self.client.get("/en/search/", {"q": "GRETA"})

        self.assertIn(vienna.pk, [hit.page_id for hit in before.context["outcome"].hits])
        self.assertNotIn(vienna.pk, [hit.page_id for hit in after.context["outcome"].hits])
        self.assertEqual(after.context["outcome"].total, before.context["outcome"].total - 1)

    def test_a_renamed_page_shows_its_new_title_in_the_results_at_once(self):
        vienna = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="en")
        self.assertContains(self.client.get("/en/search/", {"q": "GRETA"}), vienna.title)
        vienna.title = "Vienna – the GRETA working group of the city"
        vienna.save_revision().publish()

        response = self.client.get("/en/search/", {"q": "GRETA"})

        self.assertContains(response, "Vienna – the GRETA working group of the city")

    def test_results_are_rendered_once_for_every_search_showing_them(self):
        render_heads = mock.patch.object(
            SearchService, "render_heads", autospec=True, side_effect=SearchService.render_heads
        )
        with render_heads as rendered:
            first = self.client.get("/en/search/", {"q": "Ljubljana"})
            second = self.client.get("/en/search/", {"q": "Ljubljana", "sort": "date"})

        first_ids = {hit.page_id for hit in first.context["outcome"].hits}
        self.assertEqual(first_ids, {hit.page_id for hit in second.context["outcome"].hits})
        self.assertEqual(rendered.call_count, 1)
        self.assertEqual(set(rendered.call_args.args[1]), first_ids)

    def test_a_worker_reads_the_results_it_showed_from_its_own_memory(self):
        """The headings a worker rendered or read are kept in its memory as well: showing them
        again costs no round trip to the cache (Redis, in production)."""
        self.client.get("/en/search/", {"q": "Ljubljana"})
        with mock.patch.object(cache, "get_many", wraps=cache.get_many) as read:
            response = self.client.get("/en/search/", {"q": "Ljubljana", "sort": "date"})

        self.assertTrue(response.context["outcome"].hits)
        read.assert_not_called()
