"""What a page holds of each search facet is read two ways: by each page when OpenSearch
indexes it (`BasePage.search_facets`), and for every live page at once when the database
engine answers (`search.facts.gather_facts`). Both must say the same, or the filters of the
search page would count differently on each engine."""

from django.test import TestCase

from wagtail.models import Page

from search.facts import gather_facts


class FacetValuesTests(TestCase):
    def test_each_page_holds_what_the_bulk_reading_says_it_holds(self):
        pages = Page.objects.live().filter(depth__gt=1)
        facts = gather_facts(pages)

        checked = set()
        for page in pages.specific():
            held = facts[page.pk].held
            expected = sorted(f"{facet}:{value}" for facet in held for value in held[facet])
            with self.subTest(page=page.url_path, language=page.locale.language_code):
                self.assertEqual(page.search_facets(), expected)
                self.assertEqual(page.search_day(), facts[page.pk].day)
            checked.add(type(page).__name__)
        # Every page type of the demo site, practices and events and reports included.
        self.assertGreaterEqual(
            checked,
            {"GoodPracticePage", "PlacePage", "EventPage", "RoundTableReportPage", "ResourcePage"},
        )
