"""The page cache for anonymous visitors: fast, and never stale."""

from unittest import mock

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from dcaht.models import Theme
from practices.models import GoodPracticePage

VIENNA = "/en/practices/vienna-local-greta-working-group/"


@override_settings(PAGE_CACHE_SECONDS=600)
class PageCacheTests(TestCase):
    def setUp(self):
        self.practice = GoodPracticePage.objects.get(
            slug="vienna-local-greta-working-group", locale__language_code="en"
        )

    def test_an_anonymous_visitor_gets_the_cached_page_the_second_time(self):
        first = self.client.get(VIENNA)
        second = self.client.get(VIENNA)

        self.assertEqual(first["X-Cache"], "MISS")
        self.assertEqual(second["X-Cache"], "HIT")
        self.assertEqual(second.content, first.content)

    def test_a_new_release_builds_its_pages_afresh(self):
        """After a deploy, no page cached by the release before (its markup, its static files'
        names) is served; replicas of the old release, during a rolling deploy, keep theirs."""
        self.assertEqual(self.client.get(VIENNA)["X-Cache"], "MISS")
        self.assertEqual(self.client.get(VIENNA)["X-Cache"], "HIT")

        with mock.patch("dcaht.generation.release", return_value="0123456789abcdef"):
            self.assertEqual(self.client.get(VIENNA)["X-Cache"], "MISS")
            self.assertEqual(self.client.get(VIENNA)["X-Cache"], "HIT")

        self.assertEqual(self.client.get(VIENNA)["X-Cache"], "HIT")

    def test_publishing_a_change_shows_it_on_the_next_request(self):
        self.client.get(VIENNA)
        self.practice.summary = "A summary published a moment ago."
        self.practice.save_revision().publish()

        response = self.client.get(VIENNA)

        self.assertEqual(response["X-Cache"], "MISS")
        self.assertContains(response, "A summary published a moment ago.")

    def test_what_is_cached_while_a_publish_commits_is_not_served_after_it(self):
        """A visitor served between a publish and its commit reads the page as it was before,
        and the page cache keeps it under the generation the publish started: once the
        publish has committed, that page is not served."""
        with self.captureOnCommitCallbacks(execute=True):
            self.practice.summary = "A summary published a moment ago."
            self.practice.save_revision().publish()
            self.assertEqual(self.client.get(VIENNA)["X-Cache"], "MISS")
            self.assertEqual(self.client.get(VIENNA)["X-Cache"], "HIT")

        self.assertEqual(self.client.get(VIENNA)["X-Cache"], "MISS")

    def test_unpublishing_removes_the_page_at_once(self):
        self.client.get(VIENNA)
        self.practice.unpublish()

        self.assertEqual(self.client.get(VIENNA).status_code, 404)

    def test_a_change_to_a_shared_entity_shows_on_the_pages_using_it(self):
        self.client.get(VIENNA)
        theme = Theme.objects.get(slug="stakeholder-coordination", locale__language_code="en")
        theme.name = "Coordination of local actors"
        theme.save()

        self.assertContains(self.client.get(VIENNA), "Coordination of local actors")

    def test_a_translation_published_shows_in_its_language_at_once(self):
        german = self.practice.get_translation(
            self.practice.locale.__class__.objects.get(language_code="de")
        )
        url = german.url
        self.client.get(url)
        german.title = "Wien – neue Überschrift"
        german.save_revision().publish()

        self.assertContains(self.client.get(url), "Wien – neue Überschrift")

    def test_a_page_made_private_is_no_longer_served_to_visitors(self):
        self.client.get(VIENNA)
        PageViewRestriction.objects.create(
            page=self.practice, restriction_type=PageViewRestriction.LOGIN
        )

        response = self.client.get(VIENNA)

        self.assertEqual(response.status_code, 302)
        self.assertIn("login", response["Location"])

    def test_a_new_search_promotion_shows_on_the_cached_search_page_at_once(self):
        palermo = Page.objects.get(slug="palermo-protocol", locale__language_code="en")
        self.client.get("/en/search/", {"q": "trafficking"})
        SearchPromotion.objects.create(query=Query.get("trafficking"), page=palermo, sort_order=0)

        response = self.client.get("/en/search/", {"q": "trafficking"})

        self.assertEqual(response["X-Cache"], "MISS")
        self.assertEqual([page.pk for page in response.context["outcome"].promotions], [palermo.pk])

    def test_logged_in_users_never_get_a_cached_page(self):
        self.client.get(VIENNA)
        editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "x")
        self.client.force_login(editor)

        response = self.client.get(VIENNA)

        self.assertNotIn("X-Cache", response)
        self.assertContains(response, "wagtail-userbar")

    def test_forms_and_admin_are_never_cached(self):
        self.client.get("/admin/login/")
        login = self.client.get("/admin/login/")
        self.client.get("/en/practices/propose/")
        proposal_form = self.client.get("/en/practices/propose/")

        self.assertNotIn("X-Cache", login)
        # A form carries its visitor's own CSRF token: never served to another.
        self.assertContains(proposal_form, "csrfmiddlewaretoken")
        self.assertEqual(proposal_form["X-Cache"], "MISS")
