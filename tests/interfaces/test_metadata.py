"""What a page's `<head>` tells search engines and link previews, and the OpenSearch description."""

import datetime as dt
import io
import xml.etree.ElementTree as ET
from http import HTTPStatus

from django.core.files.images import ImageFile
from django.test import TestCase
from django.urls import resolve

from wagtail.images import get_image_model
from wagtail.models import Page

from PIL import Image as PILImage

from tests.interfaces.helpers import (
    REPORT_SLUG,
    ROUND_TABLE_URL,
    VIENNA_PRACTICE_URL,
    parse_head,
    seed_practice,
)
from tests.meetings.factories import EventPageFactory
from tests.practices.factories import GoodPracticePageFactory
from tests.utils import convert_to_alias

BASE = "http://testserver"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def by_type(structured_data: list[dict]) -> dict[str, dict]:
    return {data["@type"]: data for data in structured_data}


def png_image(title: str = "Photo"):
    output = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "teal").save(output, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(output.getvalue()), name="photo.png")
    )


class CanonicalAndOpenGraphTests(TestCase):
    def test_a_practice_has_its_canonical_address_and_open_graph_tags(self):
        practice = seed_practice()
        convert_to_alias(practice, "uk")

        head = parse_head(self.client.get(VIENNA_PRACTICE_URL))

        canonical = f"{BASE}{VIENNA_PRACTICE_URL}"
        self.assertEqual([link["href"] for link in head.links_with(rel="canonical")], [canonical])
        self.assertEqual(head.properties("og:title"), [practice.title])
        self.assertEqual(head.properties("og:description"), [practice.summary])
        self.assertEqual(head.properties("og:type"), ["article"])
        self.assertEqual(head.properties("og:url"), [canonical])
        self.assertEqual(head.properties("og:site_name"), ["Danube Cities Knowledge Hub"])
        self.assertEqual(head.properties("og:locale"), ["en_GB"])
        # The languages it is written in, not those where an alias shows its English text.
        alternates = head.properties("og:locale:alternate")
        translations = practice.get_translations().live().filter(alias_of__isnull=True)
        self.assertEqual(len(alternates), translations.count())
        self.assertIn("de_DE", alternates)
        self.assertNotIn("uk_UA", alternates)
        self.assertEqual(head.properties("og:image"), [])
        # The description is kept.
        self.assertEqual(
            [meta["content"] for meta in head.metas if meta.get("name") == "description"],
            [practice.summary],
        )

    def test_the_canonical_address_is_the_page_in_its_language(self):
        convert_to_alias(seed_practice(), "ro")
        for url, canonical in (
            ("/de/practices/?theme=victim-assistance&page=1", "/de/practices/"),
            # An alias shows the English page: that is the canonical one.
            (
                "/ro/practices/vienna-local-greta-working-group/",
                "/en/practices/vienna-local-greta-working-group/",
            ),
            ("/de/practices/vienna-local-greta-working-group/", None),
            ("/en/events/past/", None),
        ):
            with self.subTest(url=url):
                head = parse_head(self.client.get(url))
                expected = f"{BASE}{canonical or url}"
                self.assertEqual(
                    [link["href"] for link in head.links_with(rel="canonical")], [expected]
                )
                self.assertEqual(head.properties("og:url"), [expected])

    def test_an_untranslated_page_is_marked_in_its_language_and_its_text_in_english(self):
        convert_to_alias(seed_practice(), "ro")

        head = parse_head(self.client.get("/ro/practices/vienna-local-greta-working-group/"))

        self.assertEqual(head.properties("og:locale"), ["ro_RO"])
        self.assertEqual(by_type(head.structured_data())["Article"]["inLanguage"], "en")

    def test_the_first_image_of_a_practice_is_its_preview(self):
        image = png_image()
        index = Page.objects.get(slug="practices", locale__language_code="en")
        practice = GoodPracticePageFactory(
            parent=index,
            body=[
                {"type": "challenge", "value": {"heading": "", "text": "<p>Why.</p>"}},
                {
                    "type": "image",
                    "value": {"image": image.pk, "alt_text": "The working group meets"},
                },
            ],
        )

        head = parse_head(self.client.get(practice.url))

        [url] = head.properties("og:image")
        self.assertTrue(url.startswith(f"{BASE}/"))
        self.assertIn("fill-1200x630", url)
        self.assertEqual(head.properties("og:image:width"), ["1200"])
        self.assertEqual(head.properties("og:image:height"), ["630"])
        self.assertEqual(head.properties("og:image:alt"), ["The working group meets"])
        self.assertEqual(by_type(head.structured_data())["Article"]["image"], url)

    def test_pages_that_are_not_wagtail_pages_get_no_page_metadata(self):
        head = parse_head(self.client.get("/en/no-such-page/"))

        self.assertEqual(head.links_with(rel="canonical"), [])
        self.assertEqual(head.properties("og:title"), [])


class EventStructuredDataTests(TestCase):
    def test_the_2017_round_table_is_an_event_on_its_day_in_vienna(self):
        response = self.client.get(ROUND_TABLE_URL)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        event = by_type(parse_head(response).structured_data())["Event"]
        self.assertEqual(event["@context"], "https://schema.org")
        self.assertEqual(
            event["name"],
            "Round Table on Preventing & Combating Human Trafficking and Exploitation at "
            "Local Level",
        )
        # No time of day is known: the dates are dates.
        self.assertEqual(event["startDate"], "2017-11-24")
        self.assertEqual(event["endDate"], "2017-11-24")
        self.assertEqual(event["eventSchedule"]["scheduleTimezone"], "Europe/Vienna")
        self.assertEqual(event["eventSchedule"]["startDate"], "2017-11-24")
        self.assertEqual(
            event["location"],
            {
                "@type": "Place",
                "name": "Vienna City Hall",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Vienna",
                    "addressCountry": "AT",
                },
            },
        )
        self.assertEqual(
            [organiser["name"] for organiser in event["organizer"]],
            ["EUSDR Priority Area 10 “Institutional Capacity and Cooperation”", "City of Vienna"],
        )
        self.assertEqual(event["url"], f"{BASE}{ROUND_TABLE_URL}")
        self.assertEqual(event["inLanguage"], "en")
        self.assertEqual(event["eventStatus"], "https://schema.org/EventScheduled")
        self.assertEqual(
            event["eventAttendanceMode"], "https://schema.org/OfflineEventAttendanceMode"
        )

    def test_the_place_is_named_in_the_page_language(self):
        event = by_type(
            parse_head(self.client.get("/de/events/round-table-vienna-2017/")).structured_data()
        )["Event"]

        self.assertEqual(event["location"]["address"]["addressLocality"], "Wien")
        self.assertEqual(event["location"]["address"]["addressCountry"], "AT")

    def test_times_carry_the_offset_of_the_venue_time_zone(self):
        index = Page.objects.get(slug="events", locale__language_code="en")
        page = EventPageFactory(
            parent=index,
            start_date=dt.date(2030, 3, 5),
            end_date=dt.date(2030, 3, 6),
            start_time=dt.time(9, 30),
            end_time=dt.time(13, 0),
            time_zone="Europe/Bucharest",
        )

        event = by_type(parse_head(self.client.get(page.url)).structured_data())["Event"]

        self.assertEqual(event["startDate"], "2030-03-05T09:30:00+02:00")
        self.assertEqual(event["endDate"], "2030-03-06T13:00:00+02:00")
        self.assertEqual(
            event["eventSchedule"],
            {
                "@type": "Schedule",
                "startDate": "2030-03-05",
                "endDate": "2030-03-06",
                "startTime": "09:30:00",
                "endTime": "13:00:00",
                "scheduleTimezone": "Europe/Bucharest",
            },
        )

    def test_an_online_event_has_a_virtual_location(self):
        index = Page.objects.get(slug="events", locale__language_code="en")
        page = EventPageFactory(
            parent=index, place=None, venue="", registration_url="https://example.org/join"
        )

        event = by_type(parse_head(self.client.get(page.url)).structured_data())["Event"]

        self.assertEqual(
            event["location"], {"@type": "VirtualLocation", "url": "https://example.org/join"}
        )
        self.assertEqual(
            event["eventAttendanceMode"], "https://schema.org/OnlineEventAttendanceMode"
        )


class ArticleStructuredDataTests(TestCase):
    def test_a_practice_is_an_article_published_by_the_network(self):
        practice = seed_practice()

        article = by_type(parse_head(self.client.get(VIENNA_PRACTICE_URL)).structured_data())[
            "Article"
        ]

        self.assertEqual(article["headline"], practice.title)
        self.assertEqual(article["description"], practice.summary)
        self.assertEqual(article["url"], f"{BASE}{VIENNA_PRACTICE_URL}")
        self.assertEqual(article["datePublished"], practice.first_published_at.isoformat())
        self.assertEqual(article["dateModified"], practice.last_published_at.isoformat())
        self.assertEqual(article["inLanguage"], "en")
        self.assertEqual(article["publisher"]["@type"], "Organization")
        self.assertEqual(article["publisher"]["name"], "Danube Cities against Human Trafficking")
        self.assertEqual(article["keywords"], "Stakeholder coordination")
        self.assertEqual(article["contentLocation"][0]["name"], "Vienna")
        self.assertEqual(article["articleSection"], "Good practice")

    def test_the_round_table_report_is_an_article(self):
        article = by_type(
            parse_head(self.client.get(f"/en/resources/{REPORT_SLUG}/")).structured_data()
        )["Article"]

        self.assertEqual(article["articleSection"], "Round-table report")
        self.assertTrue(article["datePublished"])

    def test_no_text_of_a_page_can_end_its_script(self):
        index = Page.objects.get(slug="practices", locale__language_code="en")
        title = "Tags </script><script>alert(1)</script> & <!-- comments"
        practice = GoodPracticePageFactory(parent=index, title=title)

        response = self.client.get(practice.url)

        self.assertNotContains(response, "<script>alert(1)")
        article = by_type(parse_head(response).structured_data())["Article"]
        self.assertEqual(article["headline"], title)


class HomeStructuredDataTests(TestCase):
    def test_the_home_page_describes_the_network_and_its_search(self):
        data = by_type(parse_head(self.client.get("/en/")).structured_data())

        organisation = data["Organization"]
        self.assertEqual(organisation["name"], "Danube Cities against Human Trafficking")
        self.assertEqual(organisation["alternateName"], "D-CAHT")
        self.assertEqual(organisation["url"], f"{BASE}/en/")
        website = data["WebSite"]
        self.assertEqual(website["publisher"]["@id"], organisation["@id"])
        self.assertEqual(
            website["potentialAction"]["target"]["urlTemplate"],
            f"{BASE}/en/search/?q={{search_term_string}}",
        )


class OpenSearchTests(TestCase):
    def test_browsers_find_the_search_of_each_language(self):
        for language in ("en", "de"):
            with self.subTest(language=language):
                head = parse_head(self.client.get(f"/{language}/practices/"))
                [link] = head.links_with(rel="search")
                self.assertEqual(link["type"], "application/opensearchdescription+xml")
                self.assertEqual(link["href"], f"/{language}/opensearch.xml")

                response = self.client.get(link["href"])

                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertEqual(
                    response["Content-Type"],
                    "application/opensearchdescription+xml; charset=utf-8",
                )
                root = ET.fromstring(response.content)  # noqa: S314 - our own response
                self.assertEqual(root.tag, f"{OPENSEARCH}OpenSearchDescription")
                self.assertLessEqual(len(root.findtext(f"{OPENSEARCH}ShortName")), 16)
                self.assertEqual(root.findtext(f"{OPENSEARCH}Language"), language)
                [url] = [
                    url for url in root.iter(f"{OPENSEARCH}Url") if url.get("type") == "text/html"
                ]
                template = url.get("template")
                self.assertEqual(template, f"{BASE}/{language}/search/?q={{searchTerms}}")
                self.assertEqual(resolve(f"/{language}/search/").url_name, "search")
