"""Addresses of the admin holding a NUL character, a number beyond the database's integers or
a page number a list does not have: a clear answer, never a 500 (some of Wagtail's admin views
pass their parameters on as they come; PostgreSQL refuses NUL in text, SQLite integers beyond
64 bits)."""

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase

from wagtail.models import Page, Workflow
from wagtail.users.models import UserProfile


class AdminTestCase(TestCase):
    """A superuser whose admin is in English, logged in."""

    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.org", "x")
        UserProfile.objects.create(user=cls.admin, preferred_language="en")

    def setUp(self):
        self.client.force_login(self.admin)


class NulInAdminAddressesTests(AdminTestCase):
    def test_an_address_with_a_nul_is_refused_with_a_message(self):
        for address in (
            "/admin/images/chooser/?tag=%00",  # Wagtail filtered the images by it: a 500.
            "/admin/images/chooser/results/?tag=a%00b",
            "/admin/pages/search/?q=vienna%00",
            "/admin/snippets/dcaht/place/?q=%00&p=2",
        ):
            with self.subTest(address):
                response = self.client.get(address)

                self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
                self.assertIn("NUL character", response.content.decode())

    def test_the_refusal_is_written_in_the_users_admin_language(self):
        UserProfile.objects.filter(user=self.admin).update(preferred_language="de")

        response = self.client.get("/admin/images/chooser/?tag=%00")

        self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
        self.assertIn("enthält ein NUL-Zeichen", response.content.decode())

    def test_the_same_addresses_without_it_answer(self):
        for address in (
            "/admin/images/chooser/?tag=shelter",
            "/admin/images/chooser/results/?tag=a%20b",
            "/admin/pages/search/?q=vienna%25",
            "/admin/snippets/dcaht/place/?q=vienna",
        ):
            with self.subTest(address):
                self.assertEqual(self.client.get(address).status_code, HTTPStatus.OK)

    def test_the_public_pages_ignore_it_as_any_unknown_value(self):
        response = self.client.get("/en/practices/?theme=%00")
        unfiltered = self.client.get("/en/practices/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response.context["result_count"], 4)
        self.assertEqual(response.context["cards"], unfiltered.context["cards"])


class LargeNumbersInAdminAddressesTests(AdminTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = Page.objects.get(depth=2, locale__language_code="en")

    def test_the_explorer_filtered_by_a_number_beyond_the_databases_integers(self):
        """SQLite cannot compare with it (a 500 in Wagtail's explorer); on PostgreSQL the
        explorer leaves the filter out and lists every child page."""
        for parameter in ("owner", "content_type"):
            with self.subTest(parameter):
                response = self.client.get(f"/admin/pages/{self.home.id}/", {parameter: "9" * 20})

                if connection.vendor == "sqlite":
                    self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
                    self.assertIn("too large for the database", response.content.decode())
                else:
                    self.assertEqual(response.status_code, HTTPStatus.OK)
                    self.assertEqual(
                        {page.pk for page in response.context["object_list"]},
                        {page.pk for page in self.home.get_children()},
                    )

    def test_the_explorer_filtered_by_an_existing_owner_answers(self):
        response = self.client.get(f"/admin/pages/{self.home.id}/", {"owner": self.admin.pk})

        self.assertEqual(response.status_code, HTTPStatus.OK)


class PageNumbersOfAdminListsTests(AdminTestCase):
    """Wagtail's workflow editor read the page number of its list of pages unchecked: a 500."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.workflow = Workflow.objects.get(name="Moderators approval")
        cls.url = f"/admin/workflows/edit/{cls.workflow.pk}/"

    def test_a_page_number_the_list_does_not_have_leads_to_its_first_page(self):
        # Beyond 4 300 digits, Python refuses to read a number.
        for number in ("2", "0", "abc", "9" * 30, "9" * 5000):
            with self.subTest(number):
                response = self.client.get(self.url, {"p": number, "q": "x"})

                self.assertRedirects(response, f"{self.url}?q=x")

    def test_the_first_page_lists_the_pages_of_the_workflow(self):
        response = self.client.get(self.url, {"p": "1"})

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(
            list(response.context["pages"].object_list),
            list(Page.objects.filter(workflowpage__workflow=self.workflow)),
        )
