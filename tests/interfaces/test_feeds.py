"""Atom and RSS feeds per language, read with a feed reader's parser."""

import datetime as dt
import html
from http import HTTPStatus
from unittest import mock

from django.test import TestCase

from wagtail.models import Page

import feedparser

from dcaht.generation import new_generation
from dcaht.interfaces import feeds
from practices.models import GoodPracticePage
from tests.interfaces.helpers import (
    REPORT_SLUG,
    SEED_PRACTICE_SLUGS,
    parse_head,
    seed_practice,
)
from tests.utils import convert_to_alias

BASE = "http://testserver"


class FeedTestCase(TestCase):
    def read(self, url: str, content_type: str):
        response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response["Content-Type"], f"{content_type}; charset=utf-8")
        parsed = feedparser.parse(response.content)
        self.assertFalse(parsed.bozo, parsed.get("bozo_exception"))
        return parsed

    def read_atom(self, url: str):
        return self.read(url, "application/atom+xml")

    def read_rss(self, url: str):
        return self.read(url, "application/rss+xml")


def slugs(parsed) -> set[str]:
    return {entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in parsed.entries}


class PracticeFeedTests(FeedTestCase):
    def test_the_practice_feeds_list_the_seed_practices_with_everything_a_reader_shows(self):
        for url, read in (
            ("/en/feeds/practices.atom", self.read_atom),
            ("/en/feeds/practices.rss", self.read_rss),
        ):
            with self.subTest(url=url):
                parsed = read(url)

                self.assertEqual(parsed.feed.language, "en")
                self.assertIn("Good practices", parsed.feed.title)
                self.assertEqual(slugs(parsed), SEED_PRACTICE_SLUGS)
                for entry in parsed.entries:
                    practice = GoodPracticePage.objects.get(
                        slug=entry.link.rstrip("/").rsplit("/", 1)[-1],
                        locale__language_code="en",
                    )
                    self.assertEqual(entry.title, practice.title)
                    # The summary is HTML: the text, escaped.
                    self.assertEqual(html.unescape(entry.summary), practice.summary)
                    self.assertEqual(entry.link, f"{BASE}/en/practices/{practice.slug}/")
                    self.assertEqual(entry.language, "en")
                    self.assertEqual(
                        dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC),
                        practice.first_published_at.replace(microsecond=0),
                    )

    def test_newest_first(self):
        # The demo's practices are published within a second: days apart here, in an order
        # neither their titles' nor their creation's.
        order = sorted(SEED_PRACTICE_SLUGS, key=lambda slug: slug[::-1])
        for days, slug in enumerate(order):
            GoodPracticePage.objects.filter(slug=slug, locale__language_code="en").update(
                first_published_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) - dt.timedelta(days)
            )
        new_generation()

        parsed = self.read_atom("/en/feeds/practices.atom")

        links = [entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in parsed.entries]
        self.assertEqual(links, order)

    def test_a_feed_lists_its_language_and_says_which_entries_are_not_translated(self):
        for slug in SEED_PRACTICE_SLUGS:
            convert_to_alias(seed_practice(slug), "ro")
        german = self.read_atom("/de/feeds/practices.atom")
        romanian = self.read_rss("/ro/feeds/practices.rss")

        self.assertEqual(german.feed.language, "de")
        vienna = seed_practice(language="de")
        [entry] = [entry for entry in german.entries if entry.link.endswith(f"/{vienna.slug}/")]
        self.assertEqual(entry.title, vienna.title)
        self.assertEqual(entry.link, f"{BASE}/de/practices/{vienna.slug}/")
        self.assertEqual(entry.language, "de")
        self.assertEqual(entry.title_detail.language, "de")
        # No Romanian translation yet: the Romanian pages are aliases of the English ones.
        self.assertEqual(slugs(romanian), SEED_PRACTICE_SLUGS)
        for entry in romanian.entries:
            self.assertTrue(entry.link.startswith(f"{BASE}/ro/practices/"))
            self.assertEqual(entry.language, "en")

    def test_an_unpublished_practice_leaves_the_feeds(self):
        practice = seed_practice()
        # Its Romanian copy an alias again: an alias is unpublished with it, a translation is not.
        convert_to_alias(practice, "ro")
        practice.unpublish()

        for url in ("/en/feeds/practices.atom", "/en/feeds/all.rss", "/ro/feeds/all.atom"):
            with self.subTest(url=url):
                parsed = self.read(url, "application/" + url.rsplit(".", 1)[-1] + "+xml")
                self.assertNotIn(practice.slug, slugs(parsed))

    def test_a_feed_is_bounded(self):
        with mock.patch.object(feeds, "FEED_LENGTH", 2):
            parsed = self.read_atom("/en/feeds/all.atom")

        self.assertEqual(len(parsed.entries), 2)


class ResourceFeedTests(FeedTestCase):
    def test_the_report_feeds_list_the_round_table_report(self):
        for url, read in (
            ("/en/feeds/reports.atom", self.read_atom),
            ("/en/feeds/reports.rss", self.read_rss),
        ):
            with self.subTest(url=url):
                parsed = read(url)

                self.assertEqual(slugs(parsed), {REPORT_SLUG})
                [entry] = parsed.entries
                self.assertEqual(
                    entry.title,
                    "Round Table on Preventing & Combating Human Trafficking and Exploitation "
                    "at Local Level",
                )
                self.assertEqual(entry.link, f"{BASE}/en/resources/{REPORT_SLUG}/")
                self.assertTrue(entry.summary)
                self.assertTrue(entry.published_parsed)

    def test_the_resource_feeds_list_every_kind_of_resource(self):
        parsed = self.read_atom("/en/feeds/resources.atom")

        self.assertIn(REPORT_SLUG, slugs(parsed))
        self.assertIn("guidelines-for-municipalities", slugs(parsed))
        self.assertIn("directive-2011-36-eu", slugs(parsed))
        self.assertTrue(SEED_PRACTICE_SLUGS.isdisjoint(slugs(parsed)))

    def test_the_feed_of_everything_has_practices_resources_and_events(self):
        parsed = self.read_rss("/en/feeds/all.rss")

        self.assertTrue(SEED_PRACTICE_SLUGS.issubset(slugs(parsed)))
        self.assertIn(REPORT_SLUG, slugs(parsed))
        self.assertIn("round-table-vienna-2017", slugs(parsed))
        self.assertNotIn("practices", slugs(parsed))  # No index page.


class FeedLinkTests(TestCase):
    def test_every_page_announces_the_feed_of_everything(self):
        for url in ("/en/", "/de/practices/vienna-local-greta-working-group/", "/sl/places/"):
            with self.subTest(url=url):
                head = parse_head(self.client.get(url))
                language = url.split("/")[1]
                hrefs = {
                    link["href"]
                    for link in head.links_with(rel="alternate", type="application/atom+xml")
                }
                self.assertIn(f"/{language}/feeds/all.atom", hrefs)
                self.assertTrue(
                    head.links_with(
                        rel="alternate",
                        type="application/rss+xml",
                        href=f"/{language}/feeds/all.rss",
                    )
                )

    def test_the_index_pages_link_their_feeds(self):
        for url, names in (
            ("/en/practices/", ["practices"]),
            ("/en/resources/", ["resources", "reports"]),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                head = parse_head(response)
                for name in names:
                    for extension, mime in (("atom", "atom"), ("rss", "rss")):
                        href = f"/en/feeds/{name}.{extension}"
                        self.assertTrue(
                            head.links_with(
                                rel="alternate", type=f"application/{mime}+xml", href=href
                            )
                        )
                        self.assertContains(response, f'<a href="{href}"')
                        self.assertEqual(self.client.get(href).status_code, HTTPStatus.OK)

    def test_the_events_index_keeps_its_one_calendar_feed(self):
        index = Page.objects.get(slug="events", locale__language_code="en")
        response = self.client.get(index.url)

        self.assertContains(response, 'href="/en/events/ical/" type="text/calendar"', count=1)
