"""The counts of searches the editors' reports read, kept by each process and written in
batches (`search.statistics`)."""

from collections import Counter
from unittest import mock

from django.db import DatabaseError
from django.test import TestCase, override_settings
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query

from search import statistics
from search.models import UnansweredQuery
from search.statistics import tally
from tests.utils import rebuild_search_index


def searches_today(query_string):
    query = Query.objects.filter(query_string=query_string).first()
    daily = query and query.daily_hits.filter(date=timezone.now().date()).first()
    return daily.hits if daily else 0


@override_settings(SEARCH_STATISTICS_SECONDS=60)
class StatisticsTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rebuild_search_index()  # "Ljubljana" finds pages; "qwertyuiop" finds none.

    def setUp(self):
        tally.write()  # Nothing of another test's searches.

    def search(self, query):
        self.client.get("/en/search/", {"q": query})

    def test_searches_are_written_once_the_interval_has_passed(self):
        self.search("Ljubljana")
        self.search("ljubljana")
        self.search("qwertyuiop")
        self.search("qwertyuiop")
        self.assertEqual(searches_today("ljubljana"), 0)

        tally.started -= 61  # A minute has passed since the last write:
        self.client.get("/en/")  # any request writes them.

        self.assertEqual(searches_today("ljubljana"), 2)
        self.assertEqual(searches_today("qwertyuiop"), 2)
        unanswered = UnansweredQuery.objects.get(query_string="qwertyuiop")
        self.assertEqual((unanswered.hits, unanswered.locale.language_code), (2, "en"))
        self.assertFalse(UnansweredQuery.objects.filter(query_string="ljubljana").exists())

    def test_a_batch_adds_to_the_counts_already_written(self):
        self.search("Ljubljana")
        tally.write()
        self.search("Ljubljana")
        self.search("Ljubljana")
        tally.write()

        self.assertEqual(searches_today("ljubljana"), 3)

    def test_counts_a_failed_write_could_not_store_are_written_next_time(self):
        self.search("qwertyuiop")
        with (
            mock.patch.object(statistics, "write_counts", side_effect=DatabaseError("down")),
            self.assertLogs("search.statistics", level="WARNING"),
        ):
            tally.write()
        self.search("qwertyuiop")
        tally.write()

        self.assertEqual(searches_today("qwertyuiop"), 2)
        self.assertEqual(UnansweredQuery.objects.get(query_string="qwertyuiop").hits, 2)

    def test_a_query_longer_once_lower_cased_is_counted_with_the_others(self):
        self.search("İ" * 200)  # 400 characters in lower case; the column holds 255
        self.search("Ljubljana")
        tally.write()

        self.assertEqual(searches_today(("İ" * 200).lower()[:255]), 1)
        self.assertEqual(searches_today("ljubljana"), 1)

    def test_a_count_the_database_refuses_does_not_keep_the_others_out(self):
        today = timezone.now().date()
        with self.assertNoLogs("search.statistics", level="ERROR"):
            statistics.write_counts(
                Counter({("x" * 300, today): 1, ("ljubljana", today): 2}), Counter(), {}
            )

        self.assertEqual(searches_today("ljubljana"), 2)
        # PostgreSQL refuses the long one (SQLite does not check lengths): never half of it.
        self.assertFalse(Query.objects.filter(query_string="x" * 255).exists())

    def test_each_language_has_its_own_unanswered_count(self):
        self.search("qwertyuiop")
        self.client.get("/sl/search/", {"q": "qwertyuiop"})
        tally.write()

        self.assertEqual(
            set(
                UnansweredQuery.objects.filter(query_string="qwertyuiop").values_list(
                    "locale__language_code", "hits"
                )
            ),
            {("en", 1), ("sl", 1)},
        )
