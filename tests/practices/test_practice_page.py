import re
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from practices.models import GoodPracticePage, PlaceIndexPage, PlacePage, PracticeIndexPage
from tests.practices.factories import (
    CountryFactory,
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    TargetGroupFactory,
    ThemeFactory,
)


class PageTreeRulesTests(WagtailPageTestCase):
    def test_practices_live_under_a_practice_index_under_the_home_page(self):
        self.assertAllowedParentPageTypes(PracticeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PracticeIndexPage, {GoodPracticePage})
        self.assertAllowedParentPageTypes(GoodPracticePage, {PracticeIndexPage})
        self.assertAllowedSubpageTypes(GoodPracticePage, set())

    def test_places_live_under_a_place_index_under_the_home_page(self):
        self.assertAllowedParentPageTypes(PlaceIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PlaceIndexPage, {PlacePage})
        self.assertAllowedParentPageTypes(PlacePage, {PlaceIndexPage})


class SeedPracticePageTests(WagtailPageTestCase):
    def test_vienna_shows_its_place_organisations_people_and_themes(self):
        response = self.client.get("/en/practices/vienna-local-greta-working-group/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        for text in [
            "Vienna",
            "Austria",
            "Human Rights Office, Vienna",
            "Lead organisation",
            "LEFÖ-ibf",
            "Shams Asadi",
            "Evelyn Probst",
            "Stakeholder coordination",
            "Kind of lead agency",
            "The challenge",
        ]:
            self.assertContains(response, text)

    def test_the_page_and_its_link_preview_read_its_places_and_themes_once(self):
        url = "/en/practices/vienna-local-greta-working-group/"
        self.client.get(url)  # Builds what a process keeps between requests.
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)

        self.assertContains(response, '"keywords": "Stakeholder coordination')  # JSON-LD
        self.assertContains(response, '"addressLocality": "Vienna"')
        for table in ("practices_goodpracticepage_places", "practices_goodpracticepage_themes"):
            reads = [query for query in captured if f'"{table}"' in query["sql"]]
            self.assertEqual(len(reads), 1, table)

    def test_ljubljana_shows_the_memorandum_and_its_partners(self):
        response = self.client.get("/en/practices/ljubljana-memorandum-of-cooperation/")

        for text in [
            "Ljubljana",
            "Slovenia",
            "Society Ključ",
            "Police, Ljubljana",
            "Polona Kovač",
            "Cooperation with law enforcement",
            "Cooperation agreement or memorandum",
        ]:
            self.assertContains(response, text)

    def test_moscow_shows_its_key_figure(self):
        response = self.client.get(
            "/en/practices/moscow-raising-awareness-to-engage-law-enforcement/"
        )

        self.assertContains(response, "almost 500")
        self.assertContains(response, "Vera Gracheva")
        self.assertContains(response, "Russian Federation")

    def test_related_practices_share_a_theme(self):
        response = self.client.get("/en/practices/barcelona-assistance-to-victims/")

        related = {page.slug for page in response.context["related_practices"]}
        self.assertEqual(
            related,
            {
                "ljubljana-memorandum-of-cooperation",
                "moscow-raising-awareness-to-engage-law-enforcement",
            },
        )

    def test_every_practice_renders_in_every_language(self):
        for page in GoodPracticePage.objects.all():
            with self.subTest(page=page.url):
                self.assertPageIsRenderable(page)

    def test_place_page_lists_its_practices_and_organisations(self):
        response = self.client.get("/en/places/vienna/")

        self.assertContains(response, "Vienna – local GRETA working group")
        self.assertContains(response, "LEFÖ-ibf")
        self.assertContains(response, "Human Rights Office, Vienna")
        self.assertNotContains(response, "Society Ključ")

    def test_place_index_draws_a_map_with_a_link_to_each_place(self):
        response = self.client.get("/en/places/")

        self.assertContains(response, "<svg", html=False)
        for slug in ["vienna", "ljubljana", "barcelona", "moscow"]:
            self.assertContains(
                response, f'<a href="/en/places/{slug}/" class="network-map__marker">', html=False
            )

    def test_a_name_near_the_maps_east_edge_is_written_before_its_dot(self):
        response = self.client.get("/en/places/")

        labels = {
            marker.page.slug: marker.label_before for marker in response.context["map"]["markers"]
        }
        self.assertEqual(
            labels, {"barcelona": False, "ljubljana": False, "vienna": False, "moscow": True}
        )
        self.assertContains(response, 'text-anchor="end" dx="-12"', count=1, html=False)


class NetworkAdminTests(TestCase):
    def setUp(self):
        self.client.force_login(
            get_user_model().objects.create_superuser("ed", "ed@example.org", "x")
        )

    def test_editors_manage_the_network_entities_in_the_admin(self):
        for model, demo_entity in [
            ("place", "Vienna"),
            ("country", "Austria"),
            ("organisation", "LEFÖ-ibf"),
            ("person", "Claudia Singer"),
            ("theme", "Awareness raising"),
            ("targetgroup", "Victims of trafficking"),
        ]:
            with self.subTest(model=model):
                # The demo translates most of them into every language: a list of many pages.
                response = self.client.get(f"/admin/snippets/dcaht/{model}/", {"q": demo_entity})

                self.assertContains(response, demo_entity)

    def test_editors_find_an_entity_by_any_part_of_its_name_as_soon_as_it_is_saved(self):
        country = CountryFactory(name="Moldova")
        wanted = {
            "country": (country, "oldo"),
            "place": (PlaceFactory(name="Sankt Pölten", country=country), "sankt pö"),
            "theme": (ThemeFactory(name="Forced begging"), "BEGG"),
            "targetgroup": (TargetGroupFactory(name="Unaccompanied minors"), "minor"),
            "organisation": (OrganisationFactory(name="La Strada", acronym="LSI"), "LSI"),
            "person": (PersonFactory(name="Ana Revenco", role="Director"), "direct"),
        }
        for model, (entity, query) in wanted.items():
            with self.subTest(model=model):
                response = self.client.get(f"/admin/snippets/dcaht/{model}/", {"q": query})

                listed = re.findall(r'id="snippet_(\d+)_title"', response.content.decode())
                self.assertEqual(listed, [str(entity.pk)])
