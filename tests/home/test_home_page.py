import html
import re
from http import HTTPStatus

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase

from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomeFeaturedPractice, HomePage
from practices.models import GoodPracticePage, PracticeIndexPage
from tests.practices.factories import GoodPracticePageFactory

BARCELONA = "barcelona-assistance-to-victims"


class DemoSiteTestCase(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get(locale__language_code="en")


class HomePageTests(DemoSiteTestCase):
    def test_demo_content_replaces_wagtails_welcome_page_and_roots_the_site(self):
        site = Site.objects.get(is_default_site=True)

        self.assertEqual(site.root_page_id, self.home.id)
        self.assertFalse(Page.objects.exact_type(Page).filter(depth=2).exists())

    def test_home_page_exists_in_every_language(self):
        codes = set(HomePage.objects.values_list("locale__language_code", flat=True))

        self.assertEqual(codes, {code for code, _name in settings.LANGUAGES})

    def test_loading_demo_content_again_changes_nothing(self):
        pages_before = Page.objects.count()

        call_command("load_demo_content", verbosity=0)

        self.assertEqual(Page.objects.count(), pages_before)
        self.assertEqual(Locale.objects.count(), len(settings.LANGUAGES))

    def test_home_page_renders_with_header_navigation_skip_link_and_footer(self):
        response = self.client.get("/en/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, '<html lang="en" dir="ltr">', html=False)
        self.assertContains(response, '<a class="skip-link" href="#main">')
        self.assertContains(response, '<main id="main"', html=False)
        self.assertContains(response, "<footer", html=False)
        self.assertContains(response, 'role="search"', html=False)
        self.assertContains(response, "Danube Cities against Human Trafficking (D-CAHT)")

    def test_home_page_can_only_be_created_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_root_redirects_to_the_browsers_preferred_language(self):
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="sl-SI,sl;q=0.9,en;q=0.5")

        self.assertRedirects(response, "/sl/", fetch_redirect_response=False)

    def test_root_falls_back_to_english(self):
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="ja")

        self.assertRedirects(response, "/en/", fetch_redirect_response=False)

    def test_other_language_interface_and_lang_attribute(self):
        response = self.client.get("/de/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, '<html lang="de" dir="ltr">', html=False)
        self.assertContains(response, 'href="/en/" hreflang="en"')

    def test_unknown_page_is_a_404_with_the_site_layout(self):
        response = self.client.get("/en/no-such-page/")

        self.assertEqual(response.status_code, HTTPStatus.NOT_FOUND)
        self.assertContains(response, "Page not found", status_code=HTTPStatus.NOT_FOUND)
        for layout in ('<a class="skip-link" href="#main">', '<main id="main"', "site-footer"):
            self.assertContains(response, layout, status_code=HTTPStatus.NOT_FOUND)


class AdminTests(TestCase):
    def test_admin_login_works(self):
        get_user_model().objects.create_superuser("editor", "editor@example.org", "pass-1234")

        login_page = self.client.get("/admin/login/")
        response = self.client.post(
            "/admin/login/", {"username": "editor", "password": "pass-1234"}, follow=True
        )

        self.assertEqual(login_page.status_code, HTTPStatus.OK)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(response.context["user"].is_authenticated)
        self.assertEqual(response.request["PATH_INFO"], "/admin/")


class HomePageContentTests(TestCase):
    def test_shows_the_report_the_guidelines_and_the_four_practices(self):
        response = self.client.get("/en/")

        for text in [
            "Round Table on Preventing &amp; Combating Human Trafficking",
            "Guidelines for Municipalities",
            "Vienna – local GRETA working group",
            "Ljubljana – Memorandum of Cooperation",
            "Barcelona – Assistance to victims",
            "Russian Federation – Raising awareness",
        ]:
            self.assertContains(response, text)

    def test_figures_are_counted_from_the_content(self):
        figures = self.client.get("/en/").context["figures"]

        self.assertEqual(figures["practices"], 4)
        self.assertEqual(figures["places"], 4)
        # The demo is written in English and translated into every other language.
        self.assertEqual(figures["languages"], 13)

    def test_each_figure_is_named_by_its_label(self):
        """A list of terms and values: the label is the term, read first; the number its value."""
        response = self.client.get("/en/")

        for label, number in [("good practices", 4), ("places", 4), ("languages", 13)]:
            with self.subTest(label=label):
                self.assertContains(
                    response, f"<div><dt>{label}</dt><dd>{number}</dd></div>", html=True
                )

    def test_every_link_on_the_home_page_resolves(self):
        for language in ["en", "sl"]:
            response = self.client.get(f"/{language}/")
            links = set(re.findall(r'href="(/[^"]*)"', response.content.decode()))
            self.assertGreater(len(links), 20)
            for link in sorted(links):
                with self.subTest(link=link):
                    self.assertEqual(
                        self.client.get(html.unescape(link)).status_code, HTTPStatus.OK
                    )

    def test_featured_practices_fall_back_to_the_newest(self):
        home = HomePage.objects.get(locale__language_code="en")
        index = PracticeIndexPage.objects.get(locale=home.locale)
        # Two practices newer than the demo's four: with Barcelona chosen, six compete for the
        # three places left.
        newer = []
        for title in ("Newer practice", "Newest practice"):
            practice = GoodPracticePageFactory(parent=index, title=title)
            practice.save_revision().publish()
            newer.append(practice.slug)
        home.featured_practices = [
            HomeFeaturedPractice(
                practice=GoodPracticePage.objects.get(slug=BARCELONA, locale=home.locale)
            )
        ]
        home.save_revision().publish()

        featured = [page.slug for page in self.client.get("/en/").context["featured_practices"]]

        self.assertEqual(featured[:3], [BARCELONA, newer[1], newer[0]])
        self.assertEqual(len(featured), 4)
        newest_left = (
            GoodPracticePage.objects.live()
            .filter(locale=home.locale)
            .exclude(slug__in=[BARCELONA, *newer])
            .order_by("-first_published_at", "title")
            .first()
        )
        self.assertEqual(featured[3], newest_left.slug)

    def test_a_preview_shows_the_unsaved_choice_of_featured_practices(self):
        home = HomePage.objects.get(locale__language_code="en")
        live = [page.pk for page in self.client.get("/en/").context["featured_practices"]]
        last = GoodPracticePage.objects.get(pk=live[-1])
        home.featured_practices = [HomeFeaturedPractice(practice=last)]

        preview = home.make_preview_request()

        self.assertEqual(preview.context_data["featured_practices"][0], last)
        self.assertEqual(self.client.get("/en/").context["featured_practices"][0].pk, live[0])
        self.assertNotEqual(live[0], last.pk)

    def test_the_slovenian_home_page_shows_slovenian_practices(self):
        response = self.client.get("/sl/")

        languages = {page.locale.language_code for page in response.context["featured_practices"]}
        self.assertEqual(languages, {"sl"})
        self.assertContains(response, "Ljubljana – Memorandum o sodelovanju")
