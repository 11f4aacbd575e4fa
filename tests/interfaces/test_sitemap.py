"""The sitemap and robots.txt, read as a crawler reads them."""

import xml.etree.ElementTree as ET
from http import HTTPStatus

from django.conf import settings
from django.test import TestCase

from wagtail.models import Page, PageViewRestriction

from tests.interfaces.helpers import SEED_PRACTICE_SLUGS, seed_practice

BASE = "http://testserver"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class SitemapTests(TestCase):
    def read_sitemap(self) -> dict[str, dict[str, str]]:
        """Each address of the sitemap, with its alternates by hreflang."""
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response["Content-Type"], "application/xml")
        root = ET.fromstring(response.content)  # noqa: S314 - our own response
        self.assertEqual(root.tag, f"{{{NS['sm']}}}urlset")
        entries = {}
        for url in root.findall("sm:url", NS):
            location = url.findtext("sm:loc", namespaces=NS)
            self.assertNotIn(location, entries)
            self.assertTrue(url.findtext("sm:lastmod", namespaces=NS))
            entries[location] = {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            }
        return entries

    def test_every_seed_page_in_every_language(self):
        entries = self.read_sitemap()

        for code in LANGUAGE_CODES:
            with self.subTest(language=code):
                expected = [
                    f"{BASE}/{code}/",
                    f"{BASE}/{code}/practices/",
                    f"{BASE}/{code}/places/vienna/",
                    f"{BASE}/{code}/resources/round-table-vienna-2017-report/",
                    f"{BASE}/{code}/events/round-table-vienna-2017/",
                    *(f"{BASE}/{code}/practices/{slug}/" for slug in SEED_PRACTICE_SLUGS),
                ]
                for location in expected:
                    self.assertIn(location, entries)
        live_pages = Page.objects.live().public().filter(depth__gt=1).count()
        self.assertEqual(len(entries), live_pages)

    def test_each_address_gives_the_page_in_every_language_and_a_default(self):
        entries = self.read_sitemap()

        for location, alternates in entries.items():
            with self.subTest(location=location):
                self.assertEqual(set(alternates), {*LANGUAGE_CODES, "x-default"})
                language, path = location.removeprefix(f"{BASE}/").split("/", 1)
                self.assertEqual(alternates[language], location)
                for code in LANGUAGE_CODES:
                    self.assertEqual(alternates[code], f"{BASE}/{code}/{path}")
                self.assertEqual(alternates["x-default"], alternates["en"])

    def test_alternates_match_the_page_head(self):
        entries = self.read_sitemap()
        url = "/sl/practices/barcelona-assistance-to-victims/"

        response = self.client.get(url)

        for code, href in entries[BASE + url].items():
            self.assertContains(response, f'<link rel="alternate" hreflang="{code}" href="{href}">')

    def test_an_unpublished_page_leaves_the_sitemap(self):
        practice = seed_practice()
        practice.unpublish()

        entries = self.read_sitemap()

        self.assertNotIn(f"{BASE}{practice.url}", entries)
        # Its translations stay, without the English version among their alternates.
        german = entries[f"{BASE}/de/practices/{practice.slug}/"]
        self.assertNotIn("en", german)
        self.assertNotIn("x-default", german)
        # Its aliases were unpublished with it.
        self.assertNotIn(f"{BASE}/ro/practices/{practice.slug}/", entries)

    def test_a_page_behind_a_password_is_not_listed(self):
        practice = seed_practice()
        PageViewRestriction.objects.create(
            page=practice, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

        entries = self.read_sitemap()

        self.assertNotIn(f"{BASE}{practice.url}", entries)
        self.assertIn(f"{BASE}/de/practices/{practice.slug}/", entries)


class RobotsTests(TestCase):
    def test_robots_allow_all_but_the_admin_and_point_to_the_sitemap(self):
        response = self.client.get("/robots.txt")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertEqual(lines[0], "User-agent: *")
        self.assertIn("Allow: /", lines)
        self.assertIn("Disallow: /admin/", lines)
        self.assertIn(f"Sitemap: {BASE}/sitemap.xml", lines)
        self.assertEqual(self.client.get("/sitemap.xml").status_code, HTTPStatus.OK)
