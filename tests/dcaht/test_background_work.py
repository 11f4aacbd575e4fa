"""The admin dashboard tells superusers when queued background work waits or failed: without
a worker, search keeps finding pages by the old names of renamed places and themes."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.users.models import UserProfile

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dcaht.models import Theme
from dcaht.roles import SECRETARIAT
from dcaht.settings.base import task_backends
from tests.publishing.helpers import make_user

WARNING = "Background work needs attention"


@override_settings(TASKS=task_backends("database"))
class BackgroundWorkPanelTests(TestCase):
    def setUp(self):
        self.admin = get_user_model().objects.create_superuser("ops", "ops@example.org", "x")

    def rename_a_theme(self) -> DBTaskResult:
        """A change that queues work for the worker: re-indexing the theme's pages."""
        theme = Theme.objects.get(slug="stakeholder-coordination", locale__language_code="en")
        theme.name = "Quorum building"
        theme.save()
        return DBTaskResult.objects.get()

    def dashboard(self, user):
        self.client.force_login(user)
        return self.client.get(reverse("wagtailadmin_home"))

    def test_work_waiting_too_long_asks_whether_the_worker_runs(self):
        queued = self.rename_a_theme()
        self.assertNotContains(self.dashboard(self.admin), WARNING)  # just queued: fine

        DBTaskResult.objects.filter(pk=queued.pk).update(
            enqueued_at=timezone.now() - timedelta(minutes=30)
        )
        response = self.dashboard(self.admin)
        self.assertContains(response, WARNING)
        self.assertContains(response, "1 background task has been waiting since")
        self.assertContains(response, "manage.py db_worker --backend background")

    def test_a_failed_task_is_shown_with_its_error(self):
        queued = self.rename_a_theme()
        DBTaskResult.objects.filter(pk=queued.pk).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now() - timedelta(hours=2),
            exception_class_path="opensearchpy.exceptions.ConnectionError",
        )
        response = self.dashboard(self.admin)
        self.assertContains(response, "1 background task failed in the last seven days.")
        self.assertContains(response, "search.reindex.reindex_pages")
        self.assertContains(response, "opensearchpy.exceptions.ConnectionError")

        DBTaskResult.objects.filter(pk=queued.pk).update(
            finished_at=timezone.now() - timedelta(days=8)
        )
        self.assertNotContains(self.dashboard(self.admin), WARNING)

    def test_the_warning_is_in_the_admins_language(self):
        queued = self.rename_a_theme()
        DBTaskResult.objects.filter(pk=queued.pk).update(
            enqueued_at=timezone.now() - timedelta(minutes=30)
        )
        profile = UserProfile.get_for_user(self.admin)
        profile.preferred_language = "de"
        profile.save()

        response = self.dashboard(self.admin)

        self.assertContains(response, "Hintergrundarbeit braucht Aufmerksamkeit")
        self.assertContains(response, "1 Hintergrundaufgabe wartet seit")
        self.assertNotContains(response, WARNING)

    def test_only_superusers_are_told(self):
        queued = self.rename_a_theme()
        DBTaskResult.objects.filter(pk=queued.pk).update(
            enqueued_at=timezone.now() - timedelta(hours=1)
        )
        response = self.dashboard(make_user("sabine", SECRETARIAT))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, WARNING)

    @override_settings(TASKS=task_backends("immediate"))
    def test_nothing_is_said_when_work_runs_in_the_request(self):
        theme = Theme.objects.get(slug="stakeholder-coordination", locale__language_code="en")
        theme.name = "Quorum building"
        theme.save()
        self.assertFalse(DBTaskResult.objects.exists())
        self.assertNotContains(self.dashboard(self.admin), WARNING)
