"""What a request reads from memory instead of the database (its site, the page a URL leads to,
the page's languages, the private sections) follows every change of the tree at once."""

from django.test import TestCase

from wagtail.models import Page, PageViewRestriction, Site

from dcaht.generation import recall
from home.models import HomePage
from meetings.models import EventIndexPage
from practices.models import GoodPracticePage
from tests.meetings.factories import EventPageFactory
from tests.practices.factories import PracticeIndexPageFactory

VIENNA = "vienna-local-greta-working-group"


class RoutingFreshnessTests(TestCase):
    def setUp(self):
        self.vienna = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="en")
        self.url = self.vienna.url

    def test_a_page_is_served_at_its_new_address_once_its_slug_changes(self):
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.vienna.slug = "vienna-greta"
        self.vienna.save_revision().publish()

        self.assertEqual(self.client.get(self.url).status_code, 404)
        response = self.client.get("/en/practices/vienna-greta/")
        self.assertContains(response, self.vienna.title)

    def test_a_moved_page_is_served_under_its_new_parent_and_redirected_to(self):
        self.client.get(self.url)
        home = HomePage.objects.get(locale__language_code="en")
        other_index = PracticeIndexPageFactory(parent=home, slug="more-practices")
        self.vienna.move(other_index, pos="last-child")
        new_url = f"/en/more-practices/{VIENNA}/"

        self.assertContains(self.client.get(new_url), self.vienna.title)
        self.assertRedirects(
            self.client.get(self.url), new_url, status_code=301, fetch_redirect_response=False
        )

    def test_a_live_page_changed_by_code_is_served_changed_at_once(self):
        self.client.get(self.url)
        self.vienna.summary = "Changed by an import, without a revision."
        self.vienna.save()

        self.assertContains(self.client.get(self.url), "Changed by an import, without a revision.")

    def test_an_unpublished_page_is_gone_at_once(self):
        self.client.get(self.url)
        self.vienna.unpublish()

        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_a_page_made_private_asks_visitors_to_log_in_at_once(self):
        self.client.get(self.url)
        PageViewRestriction.objects.create(
            page=self.vienna, restriction_type=PageViewRestriction.LOGIN
        )

        response = self.client.get(self.url)

        self.assertEqual(response.status_code, 302)
        self.assertIn("login", response["Location"])

    def test_a_private_practice_leaves_the_listing_at_once(self):
        self.assertContains(self.client.get("/en/practices/"), self.vienna.title)
        PageViewRestriction.objects.create(
            page=self.vienna, restriction_type=PageViewRestriction.LOGIN
        )

        self.assertNotContains(self.client.get("/en/practices/"), self.vienna.title)

    def test_a_private_event_leaves_the_home_page_and_the_agenda_at_once(self):
        index = EventIndexPage.objects.get(locale__language_code="en")
        event = EventPageFactory(parent=index, title="Closed meeting of the liaison officers")
        for url in ("/en/", index.url):
            self.assertContains(self.client.get(url), event.title)
        PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)

        for url in ("/en/", index.url):
            with self.subTest(url=url):
                self.assertNotContains(self.client.get(url), event.title)

    def test_each_language_routes_to_its_own_page(self):
        english = self.client.get(self.url)
        german = self.client.get(self.url.replace("/en/", "/de/", 1))

        self.assertEqual(english.context["page"].locale.language_code, "en")
        self.assertEqual(german.context["page"].locale.language_code, "de")
        self.assertEqual(german.context["page"].translation_key, self.vienna.translation_key)

    def test_addresses_that_lead_nowhere_are_not_kept(self):
        site = Site.objects.get(is_default_site=True)
        for number in range(3):
            self.assertEqual(self.client.get(f"/en/no-such-page-{number}/").status_code, 404)
            self.assertIsNone(recall(("route", site.pk, "en", (f"no-such-page-{number}",))))
        self.client.get(self.url)
        self.assertIsNotNone(recall(("route", site.pk, "en", ("practices", VIENNA))))

    def test_an_unpublished_translation_leaves_the_language_links_at_once(self):
        index = Page.objects.get(slug="practices", locale__language_code="en")
        german_link = 'hreflang="de"'
        self.assertContains(self.client.get(index.url), german_link)
        Page.objects.get(
            translation_key=index.translation_key, locale__language_code="de"
        ).unpublish()

        self.assertNotContains(self.client.get(index.url), german_link)
