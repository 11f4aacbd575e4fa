"""The read API at /api/v2/, called as a partner site would, on the demo site."""

import json
from http import HTTPStatus

from django.conf import settings
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, Page, PageViewRestriction

from dcaht.interfaces.api import PagesEndpoint
from dcaht.models import Place, Theme
from home.models import HomePage
from practices.models import GoodPracticePage
from tests.interfaces.helpers import REPORT_SLUG, SEED_PRACTICE_SLUGS, seed_practice
from tests.practices.factories import (
    GoodPracticePageFactory,
    OrganisationFactory,
    PlaceFactory,
    PracticeIndexPageFactory,
    ThemeFactory,
)

PAGES = "/api/v2/pages/"
PRACTICES = f"{PAGES}?type=practices.GoodPracticePage"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class ApiTestCase(TestCase):
    def get_json(self, url: str, status: HTTPStatus = HTTPStatus.OK) -> dict:
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response["Content-Type"], "application/json")
        return response.json()


class PracticeListingTests(ApiTestCase):
    def test_practices_of_a_theme_in_a_language(self):
        data = self.get_json(f"{PRACTICES}&locale=en&theme=victim-assistance&fields=themes")

        self.assertEqual(
            {item["meta"]["slug"] for item in data["items"]},
            {
                "ljubljana-memorandum-of-cooperation",
                "barcelona-assistance-to-victims",
                "moscow-raising-awareness-to-engage-law-enforcement",
            },
        )
        self.assertEqual(data["meta"]["total_count"], 3)
        for item in data["items"]:
            self.assertEqual(item["meta"]["locale"], "en")
            self.assertIn("victim-assistance", [theme["slug"] for theme in item["themes"]])

    def test_the_locale_filter_keeps_one_language(self):
        data = self.get_json(f"{PRACTICES}&locale=de")

        self.assertEqual({item["meta"]["slug"] for item in data["items"]}, SEED_PRACTICE_SLUGS)
        self.assertEqual({item["meta"]["locale"] for item in data["items"]}, {"de"})
        for item in data["items"]:
            self.assertTrue(
                item["meta"]["html_url"].endswith(f"/de/practices/{item['meta']['slug']}/")
            )

    def test_a_listing_shows_each_practice_summary(self):
        data = self.get_json(f"{PRACTICES}&locale=en&limit=1")

        [item] = data["items"]
        self.assertEqual(item["summary"], GoodPracticePage.objects.get(pk=item["id"]).summary)

    def test_the_place_filter_finds_every_kind_of_page_about_a_place(self):
        data = self.get_json(f"{PAGES}?locale=en&place=vienna")

        self.assertEqual(
            {item["meta"]["type"] for item in data["items"]},
            {
                "practices.GoodPracticePage",
                "practices.PlacePage",
                "resources.RoundTableReportPage",
                "meetings.EventPage",
            },
        )

    def test_theme_and_place_filters_take_several_slugs(self):
        data = self.get_json(f"{PRACTICES}&locale=en&place=vienna,ljubljana")

        self.assertEqual(
            {item["meta"]["slug"] for item in data["items"]},
            {"vienna-local-greta-working-group", "ljubljana-memorandum-of-cooperation"},
        )

    def test_pages_are_ordered_on_request(self):
        data = self.get_json(f"{PRACTICES}&locale=en&order=-title")

        titles = [item["title"] for item in data["items"]]
        self.assertEqual(titles, sorted(titles, reverse=True))


class PracticeDetailTests(ApiTestCase):
    def test_a_practice_shows_what_a_reuser_needs_in_its_language(self):
        practice = seed_practice(language="de")

        data = self.get_json(f"{PAGES}{practice.pk}/")

        german = Locale.objects.get(language_code="de")
        vienna = Place.objects.get(slug="vienna", locale=german)
        self.assertEqual(data["meta"]["type"], "practices.GoodPracticePage")
        self.assertEqual(data["meta"]["locale"], "de")
        self.assertEqual(data["title"], practice.title)
        self.assertEqual(data["summary"], practice.summary)
        [place] = data["places"]
        self.assertEqual(place["name"], vienna.name)
        self.assertEqual(place["slug"], "vienna")
        self.assertEqual(place["country"]["code"], "at")
        self.assertEqual(place["latitude"], float(vienna.latitude))
        self.assertEqual([theme["slug"] for theme in data["themes"]], ["stakeholder-coordination"])
        self.assertEqual(
            data["themes"][0]["name"],
            Theme.objects.get(slug="stakeholder-coordination", locale=german).name,
        )
        self.assertEqual(
            [group["slug"] for group in data["target_groups"]],
            ["civil-servants-and-frontline-staff"],
        )
        self.assertEqual(
            [(org["name"], org["role"]["code"]) for org in data["organisations"]],
            [("Human Rights Office, Vienna", "lead"), ("LEFÖ-ibf", "partner")],
        )
        self.assertEqual(data["lead_agency_kind"]["code"], "city")
        self.assertEqual(data["legal_basis"]["code"], "municipal-decision")
        self.assertIsNone(data["budget"])
        self.assertIsNone(data["start_year"])
        self.assertEqual(data["partners_needed"], practice.partners_needed)

    def test_the_body_is_rendered_to_html_with_absolute_links(self):
        practice = seed_practice()
        report = Page.objects.get(slug=REPORT_SLUG, locale__language_code="en")
        practice.body.append(
            (
                "what_was_done",
                {"heading": "", "text": f'<p><a linktype="page" id="{report.pk}">Report</a></p>'},
            )
        )
        practice.save()

        data = self.get_json(f"{PAGES}{practice.pk}/")

        self.assertIn('<section class="block-section">', data["body"])
        self.assertIn("GRETA", data["body"])
        self.assertIn(f'<a href="http://testserver{report.url}">Report</a>', data["body"])
        self.assertNotIn('href="/', data["body"])

    def test_only_the_listed_fields_and_no_personal_data(self):
        practice = seed_practice()

        data = self.get_json(f"{PAGES}{practice.pk}/?fields=*")

        self.assertEqual(
            set(data) - {"id", "meta", "title"},
            {field.name for field in GoodPracticePage.api_fields},
        )
        self.assertNotIn("contacts", json.dumps(data))
        self.assertNotIn("owner", data["meta"])
        for field in ("contacts", "owner", "latest_revision", "locked_by"):
            with self.subTest(field=field):
                self.get_json(f"{PAGES}{practice.pk}/?fields={field}", HTTPStatus.BAD_REQUEST)

    def test_follow_a_page_to_each_of_its_translations(self):
        practice = seed_practice()

        data = self.get_json(f"{PAGES}{practice.pk}/")

        translations = data["meta"]["translations"]
        self.assertEqual([entry["locale"] for entry in translations], LANGUAGE_CODES[1:])
        for entry in translations:
            with self.subTest(locale=entry["locale"]):
                translated = self.get_json(entry["detail_url"])
                self.assertEqual(translated["id"], entry["id"])
                self.assertEqual(translated["meta"]["locale"], entry["locale"])
                self.assertEqual(translated["meta"]["slug"], practice.slug)
                self.assertEqual(entry["alias"], translated["meta"]["alias_of"] is not None)
                self.assertEqual(self.client.get(entry["html_url"]).status_code, HTTPStatus.OK)
                back = {other["locale"] for other in translated["meta"]["translations"]}
                self.assertIn("en", back)

    def test_translations_can_be_listed_too(self):
        data = self.get_json(f"{PRACTICES}&locale=sl&fields=translations")

        self.assertEqual({item["meta"]["slug"] for item in data["items"]}, SEED_PRACTICE_SLUGS)
        for item in data["items"]:
            self.assertEqual(
                [entry["locale"] for entry in item["meta"]["translations"]],
                [code for code in LANGUAGE_CODES if code != "sl"],
            )


class OtherPageTypeTests(ApiTestCase):
    def test_an_event_gives_its_dates_time_zone_and_place(self):
        event = Page.objects.get(slug="round-table-vienna-2017", locale__language_code="en")

        data = self.get_json(f"{PAGES}{event.pk}/")

        self.assertEqual(data["start"], "2017-11-24")
        self.assertEqual(data["end"], "2017-11-24")
        self.assertTrue(data["all_day"])
        self.assertEqual(data["time_zone"], "Europe/Vienna")
        self.assertEqual(data["venue"], "Vienna City Hall")
        self.assertEqual(data["place"]["name"], "Vienna")
        self.assertEqual(data["place"]["country"]["name"], "Austria")
        self.assertIn("City of Vienna", [org["name"] for org in data["organisers"]])
        self.assertTrue(data["registration_closed"])
        self.assertTrue(data["report"]["html_url"].endswith(f"/en/resources/{REPORT_SLUG}/"))

    def test_a_report_gives_its_meeting_and_contributions(self):
        report = Page.objects.get(slug=REPORT_SLUG, locale__language_code="en")

        data = self.get_json(f"{PAGES}{report.pk}/")

        self.assertEqual(data["kind"]["code"], "report")
        self.assertEqual(data["meeting_date"], "2017-11-24")
        self.assertEqual(data["venue"], "Vienna City Hall")
        self.assertEqual(data["place"]["slug"], "vienna")
        self.assertEqual(data["issuing_body"]["acronym"], "PA10")
        speakers = {
            speaker["name"]: (speaker["organisation"] or {}).get("name")
            for contribution in data["contributions"]
            for speaker in contribution["speakers"]
        }
        self.assertEqual(speakers["Shams Asadi"], "Human Rights Office, Vienna")
        presented = {
            contribution["practice"]["html_url"].split("/")[-2]
            for contribution in data["contributions"]
            if contribution["practice"]
        }
        self.assertEqual(presented, SEED_PRACTICE_SLUGS)
        self.assertTrue(data["key_messages"])

    def test_a_place_page_gives_the_place_with_coordinates_and_country(self):
        place_page = Page.objects.get(
            slug="ljubljana", locale__language_code="en", depth__gt=3
        ).specific

        data = self.get_json(f"{PAGES}{place_page.pk}/")

        self.assertEqual(data["place"]["slug"], "ljubljana")
        self.assertEqual(data["place"]["country"]["code"], "si")
        self.assertAlmostEqual(data["place"]["latitude"], float(place_page.place.latitude))

    def test_resources_give_their_kind_year_issuer_and_themes(self):
        data = self.get_json(
            f"{PAGES}?type=resources.ResourcePage&locale=en&fields=kind,year,issuing_body,themes"
        )

        by_slug = {item["meta"]["slug"]: item for item in data["items"]}
        directive = by_slug["directive-2011-36-eu"]
        self.assertEqual(directive["year"], 2011)
        self.assertEqual(directive["kind"]["code"], "legal-instrument")
        self.assertEqual(by_slug[REPORT_SLUG]["kind"]["code"], "report")

    def test_the_home_page_gives_its_introduction(self):
        home = HomePage.objects.get(locale__language_code="en")

        data = self.get_json(f"{PAGES}{home.pk}/")

        self.assertIn("D-CAHT", data["introduction"])


class InvalidRequestTests(ApiTestCase):
    def test_unknown_or_invalid_parameters_are_refused_with_a_message(self):
        practice = seed_practice()
        for query in (
            "foo=1",
            "search=trafficking",
            "search_operator=and",
            "limit=51",
            "limit=-1",
            "offset=abc",
            "theme=no-such-theme",
            "theme=",
            "place=no-such-place",
            "place=%00",
            "locale=xx",
            "type=practices.NoSuchPage",
            "order=places",
            "order=body",
            "fields=contacts",
            "title=Vienna",
            "site=localhost",
        ):
            with self.subTest(query=query):
                data = self.get_json(f"{PAGES}?{query}", HTTPStatus.BAD_REQUEST)
                self.assertTrue(data["message"])
        self.get_json(f"{PAGES}{practice.pk}/?search=x", HTTPStatus.BAD_REQUEST)

    def test_the_largest_page_is_allowed(self):
        data = self.get_json(f"{PAGES}?limit=50")

        self.assertEqual(len(data["items"]), 50)

    def test_an_offset_past_the_last_item_gives_an_empty_list(self):
        total = self.get_json(PAGES)["meta"]["total_count"]
        # The largest offsets too: past the database's integers.
        for offset in (total, 10**30):
            for endpoint in ("pages", "images", "documents"):
                with self.subTest(endpoint=endpoint, offset=offset):
                    data = self.get_json(f"/api/v2/{endpoint}/?offset={offset}")
                    self.assertEqual(data["items"], [])
        last = self.get_json(f"{PAGES}?offset={total - 1}")
        self.assertEqual((last["meta"]["total_count"], len(last["items"])), (total, 1))

    def test_images_and_documents_have_no_search_either(self):
        for endpoint in ("images", "documents"):
            with self.subTest(endpoint=endpoint):
                self.get_json(f"/api/v2/{endpoint}/")
                self.get_json(f"/api/v2/{endpoint}/?search=x", HTTPStatus.BAD_REQUEST)
                self.get_json(f"/api/v2/{endpoint}/?limit=51", HTTPStatus.BAD_REQUEST)

    def test_partner_sites_may_read_it_from_their_pages(self):
        response = self.client.get(PRACTICES, HTTP_ORIGIN="https://partner.example.org")

        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        self.assertNotIn("Access-Control-Allow-Credentials", response)


class UnpublishedPageTests(ApiTestCase):
    def test_an_unpublished_practice_is_in_no_listing_and_has_no_detail(self):
        practice = seed_practice()
        german = seed_practice(language="de")
        practice.unpublish()

        listed = self.get_json(f"{PAGES}?limit=50&type=practices.GoodPracticePage")
        self.assertNotIn(practice.pk, [item["id"] for item in listed["items"]])
        self.assertEqual(listed["meta"]["total_count"], GoodPracticePage.objects.live().count())
        self.get_json(f"{PAGES}{practice.pk}/", HTTPStatus.NOT_FOUND)
        self.get_json(f"/api/v2/pages/find/?id={practice.pk}", HTTPStatus.NOT_FOUND)
        translations = self.get_json(f"{PAGES}{german.pk}/")["meta"]["translations"]
        self.assertNotIn(practice.pk, [entry["id"] for entry in translations])

    def test_a_page_behind_a_password_is_not_shown(self):
        practice = seed_practice()
        PageViewRestriction.objects.create(
            page=practice, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )

        listed = self.get_json(f"{PRACTICES}&locale=en")
        self.assertNotIn(practice.pk, [item["id"] for item in listed["items"]])
        self.get_json(f"{PAGES}{practice.pk}/", HTTPStatus.NOT_FOUND)
        # A page's privacy is every language's: its translation is hidden too.
        self.get_json(f"{PAGES}{seed_practice(language='de').pk}/", HTTPStatus.NOT_FOUND)

    def test_a_draft_never_appears(self):
        index = Page.objects.get(slug="practices", locale__language_code="en")
        draft = GoodPracticePageFactory(parent=index, live=False, title="Draft practice")

        listed = self.get_json(f"{PRACTICES}&locale=en")
        self.assertNotIn(draft.pk, [item["id"] for item in listed["items"]])
        self.get_json(f"{PAGES}{draft.pk}/", HTTPStatus.NOT_FOUND)


class QueryCountTests(ApiTestCase):
    """A listing fetches each relation once for all its practices, not once per practice."""

    def test_the_listing_of_practices_costs_the_same_for_3_as_for_20(self):
        home = HomePage.objects.get(locale__language_code="en")
        index = PracticeIndexPageFactory(parent=home, slug="more-practices")
        themes = ThemeFactory.create_batch(2)
        organisation = OrganisationFactory()
        place = PlaceFactory()

        def add_practices(count: int) -> None:
            for _ in range(count):
                GoodPracticePageFactory(
                    parent=index,
                    places=[place, PlaceFactory()],
                    themes=themes,
                    organisations=[(organisation, "lead"), (OrganisationFactory(), "partner")],
                )

        url = (
            f"{PRACTICES}&child_of={index.pk}&limit=50"
            "&fields=summary,places,themes,target_groups,organisations,status,translations"
        )

        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                data = self.get_json(url)
            return len(captured.captured_queries), len(data["items"])

        add_practices(3)
        self.get_json(url)  # Warms the caches (content types, site root paths).
        few, listed = queries()
        self.assertEqual(listed, 3)
        add_practices(17)
        self.get_json(url)  # Publishing started a new generation: warm it again.
        many, listed = queries()
        self.assertEqual(listed, 20)
        self.assertEqual(many, few)
        self.assertLessEqual(few, 20)


class OpenApiTests(TestCase):
    def test_the_description_lists_the_endpoints_and_filters(self):
        response = self.client.get("/api/v2/openapi.json")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response["Content-Type"], "application/json")
        document = json.loads(response.content)
        self.assertTrue(document["openapi"].startswith("3."))
        self.assertTrue(
            {
                "/pages/",
                "/pages/{id}/",
                "/pages/find/",
                "/images/",
                "/images/{id}/",
                "/documents/",
                "/documents/{id}/",
            }
            <= set(document["paths"])
        )
        parameters = {
            parameter.get("name") or parameter["$ref"].rsplit("/", 1)[-1]
            for parameter in document["paths"]["/pages/"]["get"]["parameters"]
        }
        self.assertTrue({"type", "locale", "theme", "place", "limit", "offset"} <= parameters)
        # Every parameter the endpoint accepts is described, and nothing more (`_` and
        # `format` are for browsers and Wagtail's own tools).
        self.assertEqual(parameters, PagesEndpoint.known_query_parameters - {"_", "format"})
        self.assertEqual(
            document["components"]["parameters"]["limit"]["schema"]["maximum"],
            settings.WAGTAILAPI_LIMIT_MAX,
        )
        self.assertEqual(
            set(document["paths"]["/pages/"]["get"]["parameters"][1]["schema"]["enum"]),
            set(LANGUAGE_CODES),
        )

    def test_the_api_root_points_to_the_endpoints_and_the_description(self):
        response = self.client.get("/api/v2/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(set(response.json()), {"pages", "images", "documents", "openapi"})
        self.assertEqual(self.client.get(response.json()["openapi"]).status_code, HTTPStatus.OK)
