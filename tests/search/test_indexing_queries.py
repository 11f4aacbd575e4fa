"""Rebuilding the search index reads the linked records of each page type in bulk: the queries
it asks do not grow with the number of pages, in the source language or in a translation."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from meetings.models import EventIndexPage, EventPage
from practices.models import GoodPracticePage, PlaceIndexPage, PlacePage, PracticeIndexPage
from resources.models import ResourceIndexPage, ResourcePage, RoundTableReportPage
from tests.meetings.factories import EventPageFactory
from tests.practices.factories import (
    GoodPracticePageFactory,
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    PlacePageFactory,
    TargetGroupFactory,
    ThemeFactory,
)
from tests.resources.factories import ResourcePageFactory, RoundTableReportPageFactory
from tests.utils import translate


def english(model):
    return model.objects.get(locale__language_code="en")


class IndexingQueryTests(TestCase):
    def add_pages(self, count):
        """`count` pages of each type with every kind of linked record, each also in German."""
        for _ in range(count):
            organisation, person = OrganisationFactory(), PersonFactory()
            pages = [
                GoodPracticePageFactory(
                    parent=english(PracticeIndexPage),
                    places=[PlaceFactory()],
                    themes=[ThemeFactory()],
                    target_groups=[TargetGroupFactory()],
                    contacts=[person],
                    organisations=[(organisation, "lead")],
                ),
                PlacePageFactory(parent=english(PlaceIndexPage)),
                EventPageFactory(
                    parent=english(EventIndexPage),
                    organisers=[(organisation, "organiser")],
                    agenda=[{"title": "Opening", "speakers": [person]}],
                ),
                ResourcePageFactory(parent=english(ResourceIndexPage), themes=[ThemeFactory()]),
                RoundTableReportPageFactory(
                    parent=english(ResourceIndexPage),
                    place=PlaceFactory(),
                    organisations=[(organisation, "organiser")],
                ),
            ]
            for page in pages:
                translate(page, "de")

    def queries_to_index(self):
        """Queries to compute the text of every page, as `update_index` does, once warm."""
        counts = {}
        for model in (GoodPracticePage, PlacePage, EventPage, ResourcePage, RoundTableReportPage):
            for page in model.get_indexed_objects():  # Warms what is kept per generation.
                page.search_content()
            with CaptureQueriesContext(connection) as captured:
                for page in model.get_indexed_objects():
                    page.search_content()
            counts[model.__name__] = len(captured)
        return counts

    def test_indexing_queries_do_not_grow_with_the_number_of_pages(self):
        self.add_pages(1)
        with_one = self.queries_to_index()
        self.add_pages(3)
        with_four = self.queries_to_index()

        self.assertEqual(with_four, with_one)
