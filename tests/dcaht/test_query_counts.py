"""Every public page type costs the same number of queries with 3 or 30 more practices: the
network will grow to thousands of practices, and no page may query once per practice."""

from http import HTTPStatus

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from meetings.models import EventIndexPage, EventPage
from practices.models import GoodPracticePage, PlaceIndexPage, PlacePage
from resources.models import ResourceIndexPage, RoundTableReportPage
from tests.practices.factories import GoodPracticePageFactory


def english(model):
    return model.objects.live().filter(locale__language_code="en").order_by("pk").first()


class QueryCountTests(TestCase):
    def setUp(self):
        self.vienna = GoodPracticePage.objects.get(
            slug="vienna-local-greta-working-group", locale__language_code="en"
        )
        self.places = list(self.vienna.places.all())
        self.themes = list(self.vienna.themes.all())
        place_page = PlacePage.objects.live().get(place=self.places[0], locale__language_code="en")
        self.urls = {
            "home": "/en/",
            "practice index, two filters": (
                f"/en/practices/?theme={self.themes[0].slug}&country=at"
            ),
            "practice": self.vienna.url,
            "place index": english(PlaceIndexPage).url,
            "place": place_page.url,
            "event index": english(EventIndexPage).url,
            "event": english(EventPage).url,
            "resource index": english(ResourceIndexPage).url,
            "round-table report": english(RoundTableReportPage).url,
            "search": "/en/search/?q=Kettenpraxis",
        }

    def add_practices(self, count):
        """Practices that every page counts, lists or relates: same place and themes."""
        for number in range(count):
            GoodPracticePageFactory(
                parent=self.vienna.get_parent(),
                title=f"Kettenpraxis {number} {count}",
                places=self.places,
                themes=self.themes,
            )

    def queries(self, url):
        self.client.get(url)  # Builds what a process keeps between requests.
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK, url)
        if url == self.urls["search"]:
            # Results shown (which of the equally good matches first is OpenSearch's choice).
            self.assertContains(response, 'href="/en/practices/kettenpraxis-')
        return len(captured)

    def test_no_page_queries_once_per_practice(self):
        self.add_practices(3)
        with_three = {name: self.queries(url) for name, url in self.urls.items()}
        self.add_practices(27)
        with_thirty = {name: self.queries(url) for name, url in self.urls.items()}

        self.assertEqual(with_thirty, with_three)
