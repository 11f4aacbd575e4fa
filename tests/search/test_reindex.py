"""Renaming or translating a shared record (a theme, an organisation…) updates the search text
of every page that shows it, on the configured engine, at once."""

from http import HTTPStatus
from unittest import mock

from django.core.management import call_command
from django.test import override_settings

from wagtail.models import Locale

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dcaht.generation import generation
from dcaht.models import Organisation, Theme
from dcaht.settings.base import task_backends
from practices.models import GoodPracticePage, PlacePage
from tests.search.test_search import SearchTestCase, slugs


class ReindexTestCase(SearchTestCase):
    def search(self, query, language="en"):
        response = self.client.get(f"/{language}/search/", {"q": query})
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return set(slugs(response))

    def coordination_and_its_practices(self) -> tuple[Theme, set[str]]:
        theme = Theme.objects.get(slug="stakeholder-coordination", locale__language_code="en")
        practices = set(
            GoodPracticePage.objects.filter(themes=theme, locale=theme.locale).values_list(
                "slug", flat=True
            )
        )
        self.assertTrue(practices)
        return theme, practices


class SharedRecordReindexTests(ReindexTestCase):
    def test_a_renamed_theme_finds_its_practices(self):
        theme, practices = self.coordination_and_its_practices()
        self.assertFalse(practices & self.search("Quorumsbildung"))

        theme.name = "Quorumsbildung"
        theme.save()

        self.assertLessEqual(practices, self.search("Quorumsbildung"))

    def test_a_renamed_organisation_finds_the_pages_showing_it(self):
        organisation = Organisation.objects.get(name="LEFÖ-ibf", locale__language_code="en")
        organisation.name = "Xylofonverein"
        organisation.save()

        found = self.search("Xylofonverein")

        vienna = PlacePage.objects.get(place=organisation.place, locale=organisation.locale)
        self.assertIn(vienna.slug, found)

    def test_a_translated_theme_name_finds_the_pages_in_that_language(self):
        source = Theme.objects.get(slug="stakeholder-coordination", locale__language_code="en")
        german = source.get_translation(Locale.objects.get(language_code="de"))
        practices = set(
            GoodPracticePage.objects.filter(
                themes=source, locale__language_code="de", alias_of__isnull=True
            ).values_list("slug", flat=True)
        )
        self.assertTrue(practices)

        german.name = "Quorumsbildung der Akteure"
        german.save()

        self.assertLessEqual(practices, self.search("Quorumsbildung", language="de"))

    def test_a_deleted_theme_no_longer_finds_its_practices(self):
        theme = Theme.objects.get(slug="public-procurement", locale__language_code="en")
        theme.name = "Quorumsbildung"
        theme.save()
        self.assertTrue(self.search("Quorumsbildung"))

        Theme.objects.filter(translation_key=theme.translation_key).delete()

        self.assertFalse(self.search("Quorumsbildung"))


@override_settings(TASKS=task_backends("database"))
class BackgroundReindexTests(ReindexTestCase):
    """Production queues the re-indexing for the worker: saving a shared record returns at
    once, and the worker brings the search text (and the cached pages) up to date."""

    def test_the_worker_reindexes_a_renamed_theme_and_starts_a_new_generation(self):
        theme, practices = self.coordination_and_its_practices()

        theme.name = "Quorumsbildung"
        theme.save()

        queued = DBTaskResult.objects.get()
        self.assertEqual(queued.status, TaskResultStatus.READY)
        self.assertFalse(practices & self.search("Quorumsbildung"))
        before = generation()

        # The worker closes "old" connections between tasks, as Django does between requests;
        # inside a test's transaction that would close the test's own connection (Django's test
        # client disconnects the same check for requests).
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command(
                "db_worker", "--backend=background", "--batch", "--no-startup-delay", verbosity=0
            )

        queued.refresh_from_db()
        self.assertEqual(queued.status, TaskResultStatus.SUCCESSFUL)
        self.assertLessEqual(practices, self.search("Quorumsbildung"))
        self.assertNotEqual(generation(), before)
