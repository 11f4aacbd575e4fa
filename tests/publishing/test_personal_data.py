"""Proposers' personal data: seen by the Secretariat only, nowhere public, erasable."""

from http import HTTPStatus
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import Client, TestCase
from django.urls import reverse

from dcaht.roles import CONTRIBUTORS, MODERATORS, SECRETARIAT
from practices.models import Proposal
from tests.utils import rebuild_search_index

from .helpers import REFUSED, XHR, edit_url, make_user

EMAIL = "ana.proposer@example.org"
NAME = "Ana Proposer"
ORGANISATION = "Zorblatt Association"
TITLE = "Outreach to seasonal workers"


def propose(client: Client, **overrides):
    data = {
        "name": NAME,
        "organisation": ORGANISATION,
        "email": EMAIL,
        "place": "Exampleton",
        "title": TITLE,
        "summary": "Labour inspectors and an NGO visit farms together every summer.",
        "description": "They speak to the harvesters in their languages.",
        "contact_consent": "on",
        **overrides,
    }
    response = client.post("/en/practices/propose/", data)
    assert response.status_code == HTTPStatus.FOUND, response.content
    return Proposal.objects.get(title=data["title"])


class ProposerDataTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.proposal = propose(Client())
        cls.page = cls.proposal.page


class PublicInterfacesTests(ProposerDataTestCase):
    """Neither the draft nor, once published, the practice shows who proposed it."""

    def setUp(self):
        # Tests roll back the database, not OpenSearch: a test that published the practice
        # left it in the index as live.
        rebuild_search_index()

    def public_texts(self) -> dict[str, str]:
        urls = [
            "/en/",
            "/en/practices/",
            f"/en/practices/{self.page.slug}/",
            "/en/practices/propose/thanks/",
            "/en/feeds/practices.atom",
            "/en/feeds/practices.rss",
            "/en/feeds/all.atom",
            "/sitemap.xml",
            "/api/v2/pages/?type=practices.GoodPracticePage&locale=en&fields=*",
            f"/api/v2/pages/{self.page.pk}/",
            "/en/search/autocomplete/?q=Outreach",
        ]
        texts = {}
        for url in urls:
            response = self.client.get(url)
            if getattr(response, "streaming", False):
                texts[url] = b"".join(response.streaming_content).decode()
            else:
                texts[url] = response.content.decode()
        return texts

    def search_total(self, query: str, languages: str = "all") -> int:
        response = self.client.get("/en/search/", {"q": query, "languages": languages})
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return response.context["outcome"].total

    def assertNoPersonalData(self):
        for url, text in self.public_texts().items():
            with self.subTest(url=url):
                for value in [EMAIL, NAME, ORGANISATION]:
                    self.assertNotIn(value, text)
        for query in [EMAIL, NAME, "Zorblatt", "ana.proposer"]:
            with self.subTest(search=query):
                self.assertEqual(self.search_total(query), 0)

    def test_the_draft_is_not_public_and_nothing_shows_who_proposed_it(self):
        self.assertEqual(self.client.get(self.page.url).status_code, HTTPStatus.NOT_FOUND)
        self.assertEqual(
            self.client.get(f"/api/v2/pages/{self.page.pk}/").status_code, HTTPStatus.NOT_FOUND
        )
        preview = self.client.get(reverse("wagtailadmin_pages:view_draft", args=[self.page.pk]))
        self.assertRedirects(
            preview,
            f"/admin/login/?next=/admin/pages/{self.page.pk}/view_draft/",
            fetch_redirect_response=False,
        )
        self.assertEqual(self.search_total("seasonal"), 0)
        self.assertNoPersonalData()

    def test_once_published_the_practice_shows_its_text_but_not_who_proposed_it(self):
        self.page.get_latest_revision().publish()

        texts = self.public_texts()
        self.assertIn(TITLE, texts[f"/en/practices/{self.page.slug}/"])
        self.assertIn("harvesters", texts[f"/api/v2/pages/{self.page.pk}/"])
        self.assertIn(TITLE, texts["/en/feeds/practices.atom"])
        self.assertEqual(self.search_total("harvesters", languages=""), 1)
        self.assertNoPersonalData()


class ProposalAdminTests(ProposerDataTestCase):
    def urls(self):
        pk = self.proposal.pk
        return {
            "list": "/admin/proposals/",
            "inspect": f"/admin/proposals/inspect/{pk}/",
            "edit": f"/admin/proposals/edit/{pk}/",
            "delete": f"/admin/proposals/delete/{pk}/",
        }

    def test_the_secretariat_reads_the_proposers_data_and_records_the_outcome(self):
        self.client.force_login(make_user("sabine", SECRETARIAT))

        listing = self.client.get(self.urls()["list"])
        inspect = self.client.get(self.urls()["inspect"])

        self.assertContains(listing, NAME)
        self.assertContains(inspect, NAME)
        self.assertContains(inspect, EMAIL)
        edited = self.client.post(self.urls()["edit"], {"status": "accepted"})

        self.assertEqual(edited.status_code, HTTPStatus.FOUND)
        self.proposal.refresh_from_db()
        self.assertEqual(self.proposal.status, Proposal.Status.ACCEPTED)
        # The draft page, which moderators and contributors see, does not hold them.
        draft = self.client.get(edit_url(self.page))
        self.assertContains(draft, TITLE)
        self.assertNotContains(draft, EMAIL)
        self.assertNotContains(draft, NAME)

    def test_everybody_else_in_the_admin_is_refused(self):
        users = [
            make_user("moritz", MODERATORS),
            make_user("carla", CONTRIBUTORS),
            make_user("hanna", "Translators: German"),
        ]
        for user in users:
            self.client.force_login(user)
            for name, url in self.urls().items():
                with self.subTest(user=user.username, view=name):
                    response = self.client.get(url, follow=True)
                    self.assertEqual(response.redirect_chain, [("/admin/", HTTPStatus.FOUND)])
                    self.assertContains(response, REFUSED)
                    self.assertNotContains(response, EMAIL)
                    scripted = self.client.get(url, **XHR)
                    self.assertEqual(scripted.status_code, HTTPStatus.FORBIDDEN)
            with self.subTest(user=user.username, view="delete (post)"):
                self.client.post(self.urls()["delete"])
                self.client.post(self.urls()["edit"], {"status": "declined"})
                self.proposal.refresh_from_db()
                self.assertEqual(self.proposal.status, Proposal.Status.NEW)
            self.client.logout()

    def test_moderators_review_the_draft_without_the_proposers_data(self):
        self.client.force_login(make_user("moritz", MODERATORS))

        response = self.client.get(edit_url(self.page))

        self.assertContains(response, TITLE)
        self.assertNotContains(response, EMAIL)
        self.assertNotContains(response, NAME)


class DeleteProposerDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        client = Client()
        cls.first = propose(client)
        cls.second = propose(client, title="Night shelter", email=EMAIL.upper())
        cls.other = propose(client, title="Hotline", email="someone@example.org", name="Bo")

    def erase(self, email):
        out = StringIO()
        call_command("delete_proposer_data", email, stdout=out)
        return out.getvalue()

    def test_erases_the_proposers_data_of_all_their_proposals_and_keeps_the_text(self):
        output = self.erase("Ana.Proposer@Example.org")

        self.assertIn("2 proposal(s)", output)
        self.assertIn(f"#{self.first.pk} “{TITLE}”", output)
        self.assertIn(f"#{self.second.pk} “Night shelter”", output)
        for proposal in [self.first, self.second]:
            proposal.refresh_from_db()
            self.assertEqual((proposal.name, proposal.organisation, proposal.email), ("", "", ""))
            self.assertFalse(proposal.contact_consent)
            self.assertIsNotNone(proposal.personal_data_erased_at)
            self.assertTrue(proposal.description)
        self.other.refresh_from_db()
        self.assertEqual((self.other.name, self.other.email), ("Bo", "someone@example.org"))

    def test_running_it_again_erases_nothing_more(self):
        self.erase(EMAIL)
        self.first.refresh_from_db()
        erased_at = self.first.personal_data_erased_at

        output = self.erase(EMAIL)

        self.assertIn("nothing to erase", output)
        self.first.refresh_from_db()
        self.assertEqual(self.first.personal_data_erased_at, erased_at)

    def test_a_malformed_address_is_a_clear_error(self):
        for value in ["not-an-email", "", "ana@", "@example.org"]:
            with (
                self.subTest(value=value),
                self.assertRaisesMessage(CommandError, "is not a valid e-mail address"),
            ):
                self.erase(value)
        self.assertEqual(Proposal.objects.filter(personal_data_erased_at__isnull=False).count(), 0)
