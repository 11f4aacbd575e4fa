"""The sitemap and robots.txt, read as a crawler reads them."""

import xml.etree.ElementTree as ET
from http import HTTPStatus

from django.test import TestCase

from wagtail.models import Page, PageViewRestriction

from dcaht.privacy import public
from tests.interfaces.helpers import SEED_PRACTICE_SLUGS, seed_practice
from tests.utils import convert_to_alias

BASE = "http://testserver"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


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

    def written_pages(self):
        """The live, public pages in the languages they are written in: no alias."""
        return public(Page.objects.live()).filter(depth__gt=1, alias_of__isnull=True)

    def test_every_page_in_every_language_it_is_written_in_and_no_alias(self):
        for slug in SEED_PRACTICE_SLUGS:
            convert_to_alias(seed_practice(slug), "hu")

        entries = self.read_sitemap()

        expected = {f"{BASE}{page.url}" for page in self.written_pages()}
        self.assertEqual(set(entries), expected)
        for slug in SEED_PRACTICE_SLUGS:
            self.assertIn(f"{BASE}/en/practices/{slug}/", entries)
            self.assertIn(f"{BASE}/de/practices/{slug}/", entries)
            self.assertNotIn(f"{BASE}/hu/practices/{slug}/", entries)  # An alias.
        aliases = public(Page.objects.live()).filter(alias_of__isnull=False)
        self.assertGreater(aliases.count(), 0)
        for alias in aliases:
            self.assertNotIn(f"{BASE}{alias.url}", entries)

    def test_each_address_gives_the_languages_the_page_is_written_in_and_a_default(self):
        entries = self.read_sitemap()
        pages = {f"{BASE}{page.url}": page for page in self.written_pages()}

        for location, alternates in entries.items():
            with self.subTest(location=location):
                written = {
                    f"{BASE}{copy.url}"
                    for copy in self.written_pages().filter(
                        translation_key=pages[location].translation_key
                    )
                }
                self.assertEqual(set(alternates.values()), written)
                language, path = location.removeprefix(f"{BASE}/").split("/", 1)
                self.assertEqual(alternates[language], location)
                if "en" in alternates:
                    self.assertEqual(alternates["x-default"], alternates["en"])

    def test_alternates_match_the_page_head(self):
        entries = self.read_sitemap()
        url = "/sl/practices/barcelona-assistance-to-victims/"

        response = self.client.get(url)

        for code, href in entries[BASE + url].items():
            self.assertContains(response, f'<link rel="alternate" hreflang="{code}" href="{href}">')

    def test_an_unpublished_page_leaves_the_sitemap(self):
        practice = seed_practice()
        convert_to_alias(practice, "ro")
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
        # Nor in any other language: a page's privacy is every language's.
        self.assertNotIn(f"{BASE}/de/practices/{practice.slug}/", entries)


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
