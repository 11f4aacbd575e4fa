"""Each role in the admin: what it may do to practices in the moderated workflow, and what it
is refused (a browser is sent to the dashboard with a message, a script gets a 403), with
nothing changed by a refusal."""

from datetime import timedelta
from http import HTTPStatus
from unittest import mock

from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from dcaht.models import Place
from dcaht.roles import CONTRIBUTORS, MODERATORS, SECRETARIAT, WORKFLOW_NAME
from home.models import HomePage
from meetings.models import EventIndexPage, EventPage
from practices.models import GoodPracticePage, PracticeIndexPage
from resources.models import ResourceIndexPage, ResourcePage, RoundTableReportPage
from tests.practices.factories import GoodPracticePageFactory

from .helpers import (
    REFUSED,
    XHR,
    add_url,
    edit_url,
    make_user,
    practice_form,
    practice_index,
)


def workflow_action_url(page, action: str) -> str:
    task_state = page.current_workflow_state.current_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


class PublishingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = practice_index("en")
        cls.place = Place.objects.get(slug="vienna", locale__language_code="en")
        cls.contributor = make_user("carla", CONTRIBUTORS)
        cls.moderator = make_user("moritz", MODERATORS)
        cls.secretary = make_user("sabine", SECRETARIAT)
        cls.live = GoodPracticePageFactory(
            parent=cls.index, title="Live practice", slug="live-practice", places=[cls.place]
        )
        cls.live.save_revision().publish()

    def draft(self, owner, title="Draft practice", slug="draft-practice"):
        page = GoodPracticePageFactory(
            parent=self.index, title=title, slug=slug, live=False, owner=owner, places=[self.place]
        )
        page.save_revision(user=owner)
        return page

    def submitted(self, owner):
        """A draft of `owner`, submitted to moderation as the admin does."""
        page = self.draft(owner)
        page.get_workflow().start(page, owner)
        mail.outbox.clear()
        return page

    def assertRefused(self, url, data=None, method="get"):
        """Refused to a browser (redirect with a message) and to a script (403)."""
        send = getattr(self.client, method)
        response = send(url, data, follow=True)
        self.assertEqual(response.redirect_chain, [("/admin/", HTTPStatus.FOUND)])
        self.assertContains(response, REFUSED)
        self.assertEqual(send(url, data, **XHR).status_code, HTTPStatus.FORBIDDEN)

    def assertUnchanged(self, page, title):
        page.refresh_from_db()
        self.assertEqual(page.title, title)
        self.assertEqual(page.get_latest_revision_as_object().title, title)

    def publications(self) -> int:
        return PageLogEntry.objects.filter(action="wagtail.publish").count()


class WorkflowAssignmentTests(PublishingTestCase):
    def test_practices_and_resources_of_every_language_are_moderated_and_events_are_not(self):
        moderated = [*GoodPracticePage.objects.all(), *ResourcePage.objects.all()]
        self.assertGreater(len({page.locale_id for page in moderated}), 10)
        for page in moderated:
            with self.subTest(page=page.url_path, language=page.locale.language_code):
                self.assertEqual(page.get_workflow().name, WORKFLOW_NAME)
        self.assertTrue(RoundTableReportPage.objects.exists())

        for page in EventPage.objects.filter(locale__language_code="en"):
            workflow = page.get_workflow()
            self.assertNotEqual(workflow and workflow.name, WORKFLOW_NAME)


class ContributorTests(PublishingTestCase):
    def setUp(self):
        self.client.force_login(self.contributor)

    def test_creates_a_draft_practice_under_the_english_index(self):
        self.assertEqual(self.client.get(add_url(self.index)).status_code, HTTPStatus.OK)

        response = self.client.post(
            add_url(self.index), practice_form("Night shelter", "night-shelter", [self.place])
        )

        page = GoodPracticePage.objects.get(slug="night-shelter", locale=self.index.locale)
        self.assertRedirects(response, edit_url(page))
        self.assertFalse(page.live)
        self.assertEqual(page.owner, self.contributor)
        self.assertEqual(page.get_parent().pk, self.index.pk)

    def test_a_publish_request_from_a_contributor_only_saves_a_draft(self):
        """Wagtail offers contributors no publish button; a forged one saves a draft."""
        publications = self.publications()
        create = self.client.post(
            add_url(self.index),
            practice_form("Night shelter", "night-shelter", [self.place], action_publish="1"),
        )
        draft = self.draft(self.contributor)
        edit = self.client.post(
            edit_url(draft),
            practice_form("Draft, published?", draft.slug, [self.place], action_publish="1"),
        )
        live = self.client.post(
            edit_url(self.live),
            practice_form("Live, changed", self.live.slug, [self.place], action_publish="1"),
        )

        created = GoodPracticePage.objects.get(slug="night-shelter", locale=self.index.locale)
        self.assertRedirects(create, edit_url(created))
        self.assertRedirects(edit, edit_url(draft))
        self.assertRedirects(live, edit_url(self.live))
        draft.refresh_from_db()
        self.live.refresh_from_db()
        self.assertFalse(created.live)
        self.assertFalse(draft.live)
        self.assertEqual(draft.get_latest_revision_as_object().title, "Draft, published?")
        self.assertEqual(self.live.title, "Live practice")  # What readers see is unchanged.
        self.assertTrue(self.live.has_unpublished_changes)
        self.assertEqual(self.publications(), publications)

    def test_edits_its_draft_and_a_live_practice_as_drafts(self):
        draft = self.draft(self.contributor)
        self.assertEqual(self.client.get(edit_url(draft)).status_code, HTTPStatus.OK)
        self.assertEqual(self.client.get(edit_url(self.live)).status_code, HTTPStatus.OK)

        self.client.post(edit_url(draft), practice_form("Better title", draft.slug, [self.place]))
        self.client.post(
            edit_url(self.live), practice_form("Live, changed", self.live.slug, [self.place])
        )

        draft.refresh_from_db()
        self.live.refresh_from_db()
        self.assertEqual(draft.get_latest_revision_as_object().title, "Better title")
        self.assertEqual(self.live.title, "Live practice")
        self.assertEqual(self.live.get_latest_revision_as_object().title, "Live, changed")

    def test_submits_a_draft_to_moderation_and_the_approvers_are_told(self):
        draft = self.draft(self.contributor)

        response = self.client.post(
            edit_url(draft), practice_form(draft.title, draft.slug, [self.place], action_submit="1")
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        state = WorkflowState.objects.get(object_id=str(draft.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.workflow.name, WORKFLOW_NAME)
        self.assertEqual(state.requested_by, self.contributor)
        draft.refresh_from_db()
        self.assertFalse(draft.live)
        recipients = {address for message in mail.outbox for address in message.to}
        self.assertEqual(recipients, {self.moderator.email, self.secretary.email})
        self.assertIn(draft.title, mail.outbox[0].subject)

    def test_cannot_approve_even_its_own_submission(self):
        page = self.submitted(self.contributor)

        self.assertRefused(workflow_action_url(page, "approve"), {"comment": ""}, method="post")

        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)

    def test_a_workflow_left_without_an_active_task_publishes_nothing_for_it(self):
        draft = self.draft(self.contributor)
        workflow = draft.get_workflow()
        for task in workflow.tasks:
            task.deactivate()

        with self.assertRaises(PermissionDenied):
            workflow.start(draft, self.contributor)

        draft.refresh_from_db()
        self.assertFalse(draft.live)

    def test_is_refused_everything_outside_the_english_practice_and_resource_indexes(self):
        german_index = practice_index("de")
        german_practice = GoodPracticePage.objects.child_of(german_index).first()
        events = EventIndexPage.objects.get(locale__language_code="en")
        home = HomePage.objects.get(locale__language_code="en")
        pages_before = Page.objects.count()
        for url in [
            add_url(german_index),
            add_url(events, "eventpage", "meetings"),
            add_url(home, "practiceindexpage"),
        ]:
            with self.subTest(url=url):
                self.assertRefused(url)
                self.assertRefused(
                    url, practice_form("Intruder", "intruder", [self.place]), method="post"
                )
        for page in [german_practice, home, events]:
            with self.subTest(page=page.url_path):
                self.assertRefused(edit_url(page))
                self.assertRefused(
                    edit_url(page),
                    practice_form("Hijacked", page.slug, [self.place], action_publish="1"),
                    method="post",
                )
                self.assertUnchanged(page, page.title)
        self.assertEqual(Page.objects.count(), pages_before)

    def test_may_add_resources_to_the_english_resource_index(self):
        resources = ResourceIndexPage.objects.get(locale__language_code="en")
        url = add_url(resources, "resourcepage", "resources")

        response = self.client.post(
            url,
            nested_form_data(
                {
                    "title": "Shelter standards",
                    "slug": "shelter-standards",
                    "summary": "Minimum standards for shelters.",
                    "kind": "study",
                    "year": "2024",
                    "body": streamfield([]),
                    "comments": inline_formset([]),
                }
            ),
        )

        resource = ResourcePage.objects.get(slug="shelter-standards", locale=resources.locale)
        self.assertRedirects(response, edit_url(resource))
        self.assertEqual(resource.get_parent().pk, resources.pk)
        self.assertEqual((resource.kind, resource.year, resource.live), ("study", 2024, False))


class ModeratorTests(PublishingTestCase):
    def setUp(self):
        self.client.force_login(self.moderator)

    def test_reads_the_page_tree_in_the_admin(self):
        response = self.client.get(reverse("wagtailadmin_explore", args=[self.index.pk]))

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "Live practice")

    def test_cannot_create_edit_or_publish_outside_the_workflow(self):
        revisions = self.live.revisions.count()

        self.assertRefused(add_url(self.index))
        self.assertRefused(
            add_url(self.index),
            practice_form("Intruder", "intruder", [self.place], action_publish="1"),
            method="post",
        )
        self.assertRefused(edit_url(self.live))
        self.assertRefused(
            edit_url(self.live),
            practice_form("Hijacked", self.live.slug, [self.place], action_publish="1"),
            method="post",
        )

        self.assertUnchanged(self.live, "Live practice")
        self.assertEqual(self.live.revisions.count(), revisions)
        self.assertFalse(GoodPracticePage.objects.filter(slug="intruder").exists())

    def test_approves_a_submitted_practice_which_is_published_and_the_author_told(self):
        page = self.submitted(self.contributor)
        self.assertEqual(self.client.get(edit_url(page)).status_code, HTTPStatus.OK)

        response = self.client.post(
            workflow_action_url(page, "approve"), {"comment": "Well documented."}
        )

        self.assertRedirects(response, edit_url(page), fetch_redirect_response=False)
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(page.workflow_states.get().status, WorkflowState.STATUS_APPROVED)
        self.assertEqual([message.to for message in mail.outbox], [[self.contributor.email]])
        self.assertIn("approved", mail.outbox[0].subject)

    def test_approves_from_the_editor_and_lands_on_the_practices_in_the_explorer(self):
        page = self.submitted(self.contributor)
        data = practice_form(
            page.title,
            page.slug,
            [self.place],
            action_workflow_action="1",
            workflow_action_name="approve",
        )

        response = self.client.post(edit_url(page), data, follow=True)

        self.assertEqual(
            response.redirect_chain,
            [(reverse("wagtailadmin_explore", args=[self.index.pk]), HTTPStatus.FOUND)],
        )
        self.assertNotContains(response, REFUSED)
        page.refresh_from_db()
        self.assertTrue(page.live)

    def test_requests_changes_with_a_comment_the_author_receives(self):
        page = self.submitted(self.contributor)

        self.client.post(
            workflow_action_url(page, "reject"), {"comment": "Please add the results."}
        )

        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertEqual(page.workflow_states.get().status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertEqual([message.to for message in mail.outbox], [[self.contributor.email]])
        self.assertIn("Please add the results.", mail.outbox[0].body)


class SecretariatTests(PublishingTestCase):
    def setUp(self):
        self.client.force_login(self.secretary)

    def test_creates_and_publishes_a_practice(self):
        response = self.client.post(
            add_url(self.index),
            practice_form("Night shelter", "night-shelter", [self.place], action_publish="1"),
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        page = GoodPracticePage.objects.get(slug="night-shelter", locale=self.index.locale)
        self.assertTrue(page.live)
        self.assertEqual(self.client.get(page.url).status_code, HTTPStatus.OK)

    def test_publishes_a_contributors_draft_directly(self):
        draft = self.draft(self.contributor)

        self.client.post(
            edit_url(draft),
            practice_form("Reviewed title", draft.slug, [self.place], action_publish="1"),
        )

        draft.refresh_from_db()
        self.assertTrue(draft.live)
        self.assertEqual(draft.title, "Reviewed title")

    def test_approves_in_the_workflow(self):
        page = self.submitted(self.contributor)

        self.client.post(workflow_action_url(page, "approve"), {"comment": ""})

        page.refresh_from_db()
        self.assertTrue(page.live)

    def test_edits_pages_of_every_language(self):
        for language in ["en", "de", "uk"]:
            with self.subTest(language=language):
                home = HomePage.objects.get(locale__language_code=language)
                index = PracticeIndexPage.objects.get(locale__language_code=language)
                self.assertEqual(self.client.get(edit_url(home)).status_code, HTTPStatus.OK)
                self.assertEqual(self.client.get(add_url(index)).status_code, HTTPStatus.OK)


def later(now, minutes: int):
    """Django's clock, moved forward."""
    return mock.patch("django.utils.timezone.now", return_value=now + timedelta(minutes=minutes))


class ScheduledPublishingTests(PublishingTestCase):
    def test_an_approved_practice_goes_live_and_expires_at_its_dates(self):
        now = timezone.now()
        page = self.draft(self.contributor)
        page.go_live_at = now + timedelta(hours=1)
        page.expire_at = now + timedelta(hours=2)
        revision = page.save_revision(user=self.contributor)
        page.get_workflow().start(page, self.contributor)
        self.client.force_login(self.moderator)

        self.client.post(workflow_action_url(page, "approve"), {"comment": ""})

        page.refresh_from_db()
        self.assertFalse(page.live)  # Approved, and scheduled.
        revision.refresh_from_db()
        self.assertEqual(revision.approved_go_live_at, page.go_live_at)

        # An hour later, the container's loop runs `publish_scheduled`.
        with later(now, minutes=61):
            call_command("publish_scheduled")
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(self.client.get(page.url).status_code, HTTPStatus.OK)

        # Two hours later, it expires.
        with later(now, minutes=121):
            call_command("publish_scheduled")
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertTrue(page.expired)
