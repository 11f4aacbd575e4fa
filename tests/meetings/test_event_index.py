import datetime as dt
from http import HTTPStatus
from zoneinfo import ZoneInfo

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

import icalendar
import time_machine

from meetings.models import EventPage
from tests.home.factories import make_site
from tests.meetings.factories import EventIndexPageFactory, EventPageFactory, load_seed_events
from tests.practices.factories import PersonFactory, PlaceFactory

VIENNA = ZoneInfo("Europe/Vienna")
# Half past midnight in Vienna on 15 June 2030: still 14 June in UTC.
JUST_AFTER_MIDNIGHT = dt.datetime(2030, 6, 15, 0, 30, tzinfo=VIENNA)
TODAY = dt.date(2030, 6, 15)


def slugs(response):
    return [card["page"].slug for card in response.context["cards"]]


class UpcomingAndPastTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = EventIndexPageFactory(parent=make_site())
        day = dt.timedelta(days=1)
        for slug, start, fields in [
            ("last-year", TODAY - 365 * day, {}),
            ("yesterday", TODAY - day, {}),
            ("today-evening", TODAY, {"start_time": dt.time(18), "end_time": dt.time(20)}),
            ("today", TODAY, {}),
            ("tomorrow", TODAY + day, {}),
            ("running-since-monday", TODAY - 5 * day, {"end_date": TODAY + day}),
            ("next-month", TODAY + 30 * day, {}),
        ]:
            EventPageFactory(parent=cls.index, slug=slug, start_date=start, **fields)
        EventPageFactory(parent=cls.index, slug="draft", start_date=TODAY, live=False)

    def test_upcoming_events_start_today_soonest_first(self):
        with time_machine.travel(JUST_AFTER_MIDNIGHT, tick=False):
            response = self.client.get("/en/events/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(
            slugs(response),
            ["running-since-monday", "today", "today-evening", "tomorrow", "next-month"],
        )
        self.assertEqual(response.context["period"], "upcoming")

    def test_past_events_end_yesterday_most_recent_first(self):
        with time_machine.travel(JUST_AFTER_MIDNIGHT, tick=False):
            response = self.client.get("/en/events/past/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(slugs(response), ["yesterday", "last-year"])
        self.assertEqual(response.context["period"], "past")
        self.assertContains(response, '<a href="/en/events/past/" aria-current="page">')

    def test_a_day_later_todays_events_are_past(self):
        with time_machine.travel(JUST_AFTER_MIDNIGHT + dt.timedelta(days=1), tick=False):
            upcoming = slugs(self.client.get("/en/events/"))
            past = slugs(self.client.get("/en/events/past/"))

        self.assertEqual(upcoming, ["running-since-monday", "tomorrow", "next-month"])
        self.assertEqual(past, ["today-evening", "today", "yesterday", "last-year"])

    def test_queryset_split_matches_the_listing(self):
        events = EventPage.objects.child_of(self.index).live()

        self.assertEqual(events.upcoming(TODAY).count() + events.past(TODAY).count(), 7)
        self.assertEqual(
            set(events.past(TODAY).values_list("slug", flat=True)), {"yesterday", "last-year"}
        )

    def test_index_links_both_views_and_the_calendar_feed(self):
        response = self.client.get("/en/events/")

        self.assertContains(response, 'href="/en/events/past/"')
        self.assertContains(response, 'href="/en/events/ical/"')

    def test_feed_has_one_vevent_per_live_event(self):
        response = self.client.get("/en/events/ical/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="events.ics"')
        calendar = icalendar.Calendar.from_ical(response.content)
        self.assertEqual(calendar["VERSION"], "2.0")
        self.assertIn("PRODID", calendar)
        live = EventPage.objects.child_of(self.index).live()
        self.assertEqual(len(calendar.events), live.count())
        for event in calendar.events:
            for name in ["UID", "DTSTAMP", "DTSTART", "SUMMARY"]:
                with self.subTest(event=event.get("SUMMARY"), name=name):
                    self.assertIn(name, event)
        self.assertEqual(
            {str(event["UID"]) for event in calendar.events},
            {f"{page.translation_key}@dcaht" for page in live},
        )
        self.assertEqual([zone.tz_name for zone in calendar.timezones], ["Europe/Vienna"])


class EmptyIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = EventIndexPageFactory(parent=make_site())

    def test_empty_upcoming_view_points_to_the_archive(self):
        response = self.client.get("/en/events/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "No event is planned at the moment.")
        self.assertContains(response, '<a href="/en/events/past/">See the past events</a>')

    def test_empty_archive(self):
        response = self.client.get("/en/events/past/")

        self.assertContains(response, "No event has taken place yet.")

    def test_empty_feed_is_still_a_valid_calendar(self):
        response = self.client.get("/en/events/ical/")

        calendar = icalendar.Calendar.from_ical(response.content)
        self.assertEqual(calendar.events, [])
        self.assertEqual(len(calendar.subcomponents), 1)  # RFC 5545: at least one component.


class EventFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = EventIndexPageFactory(parent=make_site())
        cls.vienna, cls.ljubljana = PlaceFactory(slug="vienna"), PlaceFactory(slug="ljubljana")
        for place, start in [
            (cls.vienna, dt.date(2017, 11, 24)),
            (cls.vienna, dt.date(2019, 5, 2)),
            (cls.ljubljana, dt.date(2019, 10, 8)),
            (cls.ljubljana, dt.date(2031, 3, 3)),
            (None, dt.date(2032, 1, 20)),
        ]:
            EventPageFactory(parent=cls.index, place=place, start_date=start)

    def setUp(self):
        traveller = time_machine.travel(dt.datetime(2030, 1, 1, 12, tzinfo=VIENNA), tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def test_filter_by_place_and_year(self):
        by_place = self.client.get("/en/events/past/", {"place": "vienna"})
        by_both = self.client.get("/en/events/past/", {"place": "ljubljana", "year": "2019"})
        two_years = self.client.get("/en/events/past/", {"year": ["2017", "2019"]})

        self.assertEqual(by_place.context["result_count"], 2)
        self.assertEqual(by_both.context["result_count"], 1)
        self.assertEqual(two_years.context["result_count"], 3)
        self.assertContains(by_place, f"Place: {self.vienna.name}")  # Removable, in the list.

    def test_each_option_count_is_the_number_of_results_it_gives(self):
        checked = 0
        for url in ["/en/events/", "/en/events/past/"]:
            response = self.client.get(url)
            for item in response.context["facets"]:
                for option in item["options"]:
                    filtered = self.client.get(url, {item["facet"].param: option.value})
                    with self.subTest(url=url, param=item["facet"].param, value=option.value):
                        self.assertEqual(filtered.context["result_count"], option.count)
                    checked += 1
        self.assertGreaterEqual(checked, 6)

    def test_years_are_listed_latest_first(self):
        response = self.client.get("/en/events/past/")

        [years] = [item for item in response.context["facets"] if item["facet"].param == "year"]
        self.assertEqual([option.value for option in years["options"]], ["2019", "2017"])

    def test_upcoming_events_keep_their_own_facets(self):
        response = self.client.get("/en/events/")

        self.assertEqual(response.context["result_count"], 2)
        [years] = [item for item in response.context["facets"] if item["facet"].param == "year"]
        self.assertEqual({option.value for option in years["options"]}, {"2031", "2032"})

    def test_empty_state_offers_to_remove_each_filter(self):
        response = self.client.get("/en/events/past/", {"place": "vienna", "year": "2031"})

        self.assertEqual(response.context["result_count"], 0)
        self.assertContains(response, "No past event matches all these filters.")
        self.assertContains(response, 'href="?year=2031"')
        self.assertContains(response, 'href="?place=vienna"')

    def test_bad_input_never_fails(self):
        cases = [
            {"place": "atlantis"},
            {"year": "17"},
            {"year": "twenty"},
            {"year": "99999"},
            {"page": "abc"},
            {"page": "999999"},
            {"page": "-1"},
            {"place": "x" * 5000},
            {"year": "1" * 5000},
            {"place": ["vienna"] * 200},
            {"sort": "'; DROP TABLE"},
        ]
        for url in ["/en/events/", "/en/events/past/"]:
            for params in cases:
                with self.subTest(url=url, params=str(params)[:40]):
                    response = self.client.get(url, params)

                    self.assertEqual(response.status_code, HTTPStatus.OK)

    def test_unknown_values_are_ignored(self):
        response = self.client.get("/en/events/past/", {"place": ["atlantis", "vienna"]})

        self.assertEqual(response.context["result_count"], 2)


class SeedEventIndexTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_seed_events()

    def test_the_round_table_of_2017_is_in_the_archive(self):
        response = self.client.get("/en/events/past/", {"place": "vienna", "year": "2017"})

        self.assertEqual(slugs(response), ["round-table-vienna-2017"])
        self.assertContains(response, '<time datetime="2017-11-24">')
        self.assertContains(response, "Vienna City Hall, Vienna · Austria")

    def test_the_index_is_in_the_main_menu_in_every_language(self):
        for language in ["en", "de", "sl"]:
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/")

                self.assertContains(response, f'href="/{language}/events/"')

    def test_each_language_lists_and_feeds_its_own_pages(self):
        response = self.client.get("/sl/events/past/")
        feed = icalendar.Calendar.from_ical(self.client.get("/sl/events/ical/").content)

        [card] = response.context["cards"]
        self.assertEqual(card["page"].locale.language_code, "sl")
        [event] = feed.events
        self.assertEqual(event["URL"], "http://localhost/sl/events/round-table-vienna-2017/")


class EventIndexQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = EventIndexPageFactory(parent=make_site())

    def add_events(self, count, start):
        for offset in range(count):
            EventPageFactory(
                parent=self.index,
                start_date=start + dt.timedelta(days=offset),
                start_time=dt.time(9) if offset % 2 else None,
                end_time=dt.time(17) if offset % 2 else None,
                place=PlaceFactory(),
            )

    def count_queries(self, url):
        self.client.get(url)  # Warm the per-process caches (site root paths, content types).
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return len(queries)

    def test_queries_do_not_grow_with_the_number_of_events(self):
        for url, start in [
            ("/en/events/", dt.date(2040, 1, 1)),
            ("/en/events/past/", dt.date(2001, 1, 1)),
            ("/en/events/ical/", dt.date(2050, 1, 1)),
        ]:
            with self.subTest(url=url):
                self.add_events(3, start)
                with_three = self.count_queries(url)

                self.add_events(27, start + dt.timedelta(days=100))
                with_thirty = self.count_queries(url)

                self.assertEqual(with_three, with_thirty)
                self.assertLess(with_thirty, 40)

    def test_listing_is_paginated(self):
        self.add_events(13, dt.date(2001, 1, 1))

        first = self.client.get("/en/events/past/")
        second = self.client.get("/en/events/past/", {"page": "2"})

        self.assertEqual(len(first.context["cards"]), 12)
        self.assertContains(first, '<a href="?page=2">2</a>', html=True)
        self.assertEqual(slugs(second), [EventPage.objects.order_by("start_date").first().slug])

    def test_event_page_queries_do_not_grow_with_the_agenda(self):
        short = EventPageFactory(
            parent=self.index, agenda=[{"title": "Opening", "speakers": [PersonFactory()]}]
        )
        long = EventPageFactory(
            parent=self.index,
            agenda=[
                {"title": f"Talk {n}", "speakers": PersonFactory.create_batch(2)} for n in range(10)
            ],
        )

        self.assertEqual(self.count_queries(short.url), self.count_queries(long.url))
