"""The public form to propose a good practice: drafts in moderation, notifications, abuse."""

from http import HTTPStatus
from smtplib import SMTPException, SMTPServerDisconnected

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client, TestCase, override_settings

from wagtail.models import Page, WorkflowState

from dcaht.models import Place, Theme
from dcaht.roles import MODERATORS, SECRETARIAT, WORKFLOW_NAME
from practices.models import GoodPracticePage, Proposal

from .helpers import make_user, practice_index

FORM = "/en/practices/propose/"
THANKS = "/en/practices/propose/thanks/"
EMAIL = "ana.proposer@example.org"
NAME = "Ana Proposer"


class RefusingMailServer(BaseEmailBackend):
    """An SMTP server that refuses every message."""

    def send_messages(self, email_messages):
        raise SMTPException("554 Transaction failed")


class UnreachableMailServer(BaseEmailBackend):
    """An SMTP server that drops the connection."""

    def open(self):
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    def send_messages(self, email_messages):
        self.open()


class ProposalTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.themes = list(
            Theme.objects.filter(
                locale__language_code="en", slug__in=["awareness-raising", "victim-assistance"]
            )
        )
        cls.moderator = make_user("moritz", MODERATORS)
        cls.secretary = make_user("sabine", SECRETARIAT)
        cls.secretary_without_address = make_user("silvia", SECRETARIAT, email="")
        cls.former_secretary = make_user("sven", SECRETARIAT, is_active=False)

    def data(self, **overrides):
        data = {
            "name": NAME,
            "organisation": "City of Exampleton",
            "email": EMAIL,
            "place": "Exampleton",
            "title": "Outreach to seasonal workers",
            "summary": "Labour inspectors and an NGO visit farms together every summer.",
            "description": (
                "Every summer, labour inspectors and outreach workers visit farms together.\n\n"
                "They speak to workers <b>in their languages</b>."
            ),
            "themes": [str(theme.pk) for theme in self.themes],
            "contact_consent": "on",
        }
        data.update(overrides)
        return data

    def propose(self, url=FORM, client=None, headers=None, **overrides):
        """Post a proposal, running what the view leaves to after the commit."""
        with self.captureOnCommitCallbacks(execute=True):
            return (client or self.client).post(url, self.data(**overrides), **(headers or {}))

    def assertNothingStored(self, pages_before: int):
        self.assertFalse(Proposal.objects.exists())
        self.assertEqual(Page.objects.count(), pages_before)


class ProposalFormTests(ProposalTestCase):
    def test_the_form_is_shown_in_every_interface_language_with_localized_themes(self):
        german = self.client.get("/de/practices/propose/")
        english = self.client.get(FORM)
        ukrainian = self.client.get("/uk/practices/propose/")

        for response in (english, german, ukrainian):
            self.assertEqual(response.status_code, HTTPStatus.OK)
            self.assertContains(response, 'name="csrfmiddlewaretoken"')
            self.assertContains(response, 'name="contact_consent"')
            self.assertIn("no-store", response["Cache-Control"])
        self.assertContains(german, '<html lang="de"')
        self.assertContains(german, "Sensibilisierung")
        self.assertContains(english, "Awareness raising")
        self.assertNotContains(german, "Awareness raising")

    def test_the_consent_checkbox_comes_before_its_label(self):
        html = self.client.get(FORM).content.decode()

        self.assertLess(
            html.index('id="id_contact_consent"'), html.index('for="id_contact_consent"')
        )

    def test_the_honeypot_is_hidden_from_people_and_screen_readers(self):
        response = self.client.get(FORM)

        self.assertContains(
            response,
            '<div class="visually-hidden" aria-hidden="true">'
            '<label for="id_website">Leave this field empty</label>'
            '<input type="text" name="website" id="id_website" value="" tabindex="-1" '
            'autocomplete="off"></div>',
            html=True,
        )

    def test_every_language_s_practice_index_links_to_its_form(self):
        for language in ["en", "de", "sl"]:
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/practices/")

                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertContains(response, f'href="/{language}/practices/propose/"')

    def test_other_methods_are_not_allowed(self):
        for method in ["put", "patch", "delete"]:
            with self.subTest(method=method):
                response = getattr(self.client, method)(FORM)
                self.assertEqual(response.status_code, HTTPStatus.METHOD_NOT_ALLOWED)
        self.assertEqual(self.client.post(THANKS).status_code, HTTPStatus.METHOD_NOT_ALLOWED)
        self.assertEqual(self.client.get(THANKS).status_code, HTTPStatus.OK)


class ProposalSubmissionTests(ProposalTestCase):
    def test_a_proposal_becomes_a_draft_practice_in_moderation(self):
        response = self.propose()

        self.assertRedirects(response, THANKS)
        proposal = Proposal.objects.get()
        self.assertEqual(
            (proposal.name, proposal.organisation, proposal.email, proposal.place),
            (NAME, "City of Exampleton", EMAIL, "Exampleton"),
        )
        self.assertTrue(proposal.contact_consent)
        self.assertEqual((proposal.language, proposal.status), ("en", Proposal.Status.NEW))
        self.assertEqual(set(proposal.themes.all()), set(self.themes))

        page = proposal.page
        self.assertIsInstance(page, GoodPracticePage)
        self.assertFalse(page.live)
        self.assertEqual(page.get_parent().pk, practice_index("en").pk)
        self.assertEqual(page.title, "Outreach to seasonal workers")
        self.assertEqual(page.slug, "outreach-to-seasonal-workers")
        self.assertEqual(page.summary, proposal.summary)
        self.assertEqual(set(page.themes.all()), set(self.themes))
        self.assertFalse(page.places.exists())
        self.assertEqual(page.body[0].block_type, "what_was_done")
        self.assertHTMLEqual(
            page.body[0].value["text"].source,
            "<p>Every summer, labour inspectors and outreach workers visit farms together.</p>"
            "<p>They speak to workers &lt;b&gt;in their languages&lt;/b&gt;.</p>",
        )
        self.assertEqual(page.revisions.count(), 1)

        state = WorkflowState.objects.get(object_id=str(page.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.workflow.name, WORKFLOW_NAME)
        self.assertIsNone(state.requested_by)

    def test_the_approvers_find_it_awaiting_their_review(self):
        self.propose()
        page = Proposal.objects.get().page

        for user in [self.moderator, self.secretary]:
            with self.subTest(user=user.username):
                self.client.force_login(user)
                dashboard = self.client.get("/admin/")
                editor = self.client.get(f"/admin/pages/{page.pk}/edit/")

                self.assertContains(dashboard, "Awaiting your review")
                self.assertContains(dashboard, page.title)
                self.assertContains(editor, page.title)
                self.assertContains(editor, "Approve")

    def test_the_proposer_sees_the_thanks_page(self):
        response = self.client.get(self.propose()["Location"])

        self.assertContains(response, "Thank you for your proposal")

    def test_approvers_and_the_secretariat_are_told_without_the_proposers_data(self):
        self.propose()

        page = Proposal.objects.get().page
        moderation = [message for message in mail.outbox if "moderation" in message.subject]
        arrivals = [message for message in mail.outbox if "proposed" in message.subject]
        self.assertEqual(
            {address for message in moderation for address in message.to},
            {self.moderator.email, self.secretary.email},
        )
        self.assertEqual([message.to for message in arrivals], [[self.secretary.email]])
        self.assertIn(f"/admin/pages/{page.pk}/edit/", arrivals[0].body)
        self.assertIn("/admin/proposals/inspect/", arrivals[0].body)
        self.assertEqual(len(mail.outbox), len(moderation) + len(arrivals))
        for message in mail.outbox:
            self.assertNotIn(EMAIL, message.body + message.subject)
            self.assertNotIn(NAME, message.body + message.subject)

    def test_a_proposal_in_german_keeps_its_language_and_drafts_in_english(self):
        response = self.propose("/de/practices/propose/")

        self.assertRedirects(response, "/de/practices/propose/thanks/")
        proposal = Proposal.objects.get()
        self.assertEqual(proposal.language, "de")
        self.assertEqual(proposal.page.locale.language_code, "en")

    def test_a_place_named_exactly_in_any_language_is_linked(self):
        vienna = Place.objects.get(slug="vienna", locale__language_code="en")

        self.propose(place="Wien", title="First")
        self.propose(place="vienna", title="Second")
        self.propose(place="Vienna and around", title="Third")

        places = {p.title: list(p.page.places.all()) for p in Proposal.objects.all()}
        self.assertEqual(places, {"First": [vienna], "Second": [vienna], "Third": []})

    def test_slugs_never_take_the_forms_address_nor_an_existing_practices(self):
        self.propose(title="Propose")
        self.propose(title="Propose")

        slugs = sorted(Proposal.objects.values_list("page__slug", flat=True))
        self.assertEqual(slugs, ["propose-practice", "propose-practice-2"])
        self.assertEqual(self.client.get(FORM).status_code, HTTPStatus.OK)

    @override_settings(EMAIL_BACKEND="tests.publishing.test_proposals.RefusingMailServer")
    def test_a_mail_server_refusing_messages_loses_nothing(self):
        with self.assertLogs("practices.proposals", "ERROR"):
            response = self.propose()

        self.assertRedirects(response, THANKS)
        proposal = Proposal.objects.get()
        self.assertTrue(proposal.page.workflow_in_progress)

    @override_settings(EMAIL_BACKEND="tests.publishing.test_proposals.UnreachableMailServer")
    def test_an_unreachable_mail_server_loses_nothing(self):
        with self.assertLogs("practices.proposals", "ERROR") as logs:
            response = self.propose()

        self.assertRedirects(response, THANKS)
        proposal = Proposal.objects.get()
        self.assertFalse(proposal.page.live)
        # Wagtail's moderation e-mails failed: the Secretariat submits the draft by hand.
        self.assertFalse(proposal.page.workflow_in_progress)
        self.assertIn("stored without moderation", logs.output[0])


class ProposalAbuseTests(ProposalTestCase):
    def test_a_filled_honeypot_is_refused_and_nothing_stored(self):
        pages = Page.objects.count()

        response = self.propose(website="https://spam.example")

        self.assertContains(response, "We could not accept this proposal", status_code=400)
        self.assertContains(response, 'value="Outreach to seasonal workers"', status_code=400)
        self.assertNothingStored(pages)
        self.assertEqual(mail.outbox, [])

    def test_the_sixth_proposal_of_an_hour_from_one_address_is_refused(self):
        for number in range(5):
            self.assertRedirects(self.propose(title=f"Practice {number}"), THANKS)
        pages = Page.objects.count()

        refused = self.propose(title="Practice 6")
        elsewhere = self.propose(title="From elsewhere", headers={"REMOTE_ADDR": "192.0.2.7"})

        self.assertContains(refused, "more than we can accept", status_code=429)
        self.assertRedirects(elsewhere, THANKS)
        self.assertEqual(Proposal.objects.count(), 6)
        self.assertFalse(Proposal.objects.filter(title="Practice 6").exists())
        # The draft alone: its aliases come when it is first published.
        self.assertEqual(Page.objects.count(), pages + 1)

    @override_settings(TRUSTED_PROXY_COUNT=1, PROPOSALS_RATE_LIMIT=1)
    def test_behind_a_proxy_each_visitor_is_counted_by_the_address_the_proxy_saw(self):
        def from_address(address, title):
            headers = {
                "REMOTE_ADDR": "10.0.0.1",
                "HTTP_X_FORWARDED_FOR": f"198.51.100.1, {address}",
            }
            return self.propose(title=title, headers=headers)

        self.assertRedirects(from_address("203.0.113.5", "One"), THANKS)
        self.assertRedirects(from_address("203.0.113.6", "Two"), THANKS)
        refused = from_address("203.0.113.5", "Three")

        self.assertEqual(refused.status_code, HTTPStatus.TOO_MANY_REQUESTS)
        self.assertEqual(Proposal.objects.count(), 2)

    def test_over_long_fields_are_form_errors(self):
        pages = Page.objects.count()
        for field, limit in [
            ("summary", 600),
            ("description", 10_000),
            ("name", 150),
            ("organisation", 200),
            ("place", 150),
            ("title", 200),
        ]:
            with self.subTest(field=field):
                response = self.propose(**{field: "x" * (limit + 1)})

                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertEqual(
                    response.context["form"].errors[field],
                    [f"Ensure this value has at most {limit} characters (it has {limit + 1})."],
                )
                self.assertContains(response, "The proposal was not sent")
        self.assertNothingStored(pages)

    def test_bad_input_is_a_form_error_never_a_server_error(self):
        pages = Page.objects.count()
        cases = {
            "no consent": {"contact_consent": ""},
            "malformed e-mail": {"email": "ana@"},
            "unknown theme": {"themes": ["abc"]},
            "null character": {"name": "Ana\x00"},
            "title without letters": {"title": "!!!"},
            "empty description": {"description": "   "},
        }
        for label, overrides in cases.items():
            with self.subTest(label):
                response = self.propose(**overrides)

                self.assertEqual(response.status_code, HTTPStatus.OK)
                self.assertEqual(len(response.context["form"].errors), 1)
        self.assertNothingStored(pages)

    def test_line_breaks_in_one_line_fields_are_spaces(self):
        self.propose(title="Outreach\r\nBcc: spam@example.org")

        self.assertEqual(Proposal.objects.get().title, "Outreach Bcc: spam@example.org")

    def test_a_post_without_the_csrf_token_is_refused(self):
        pages = Page.objects.count()

        response = self.propose(client=Client(enforce_csrf_checks=True))

        self.assertEqual(response.status_code, HTTPStatus.FORBIDDEN)
        self.assertNothingStored(pages)
