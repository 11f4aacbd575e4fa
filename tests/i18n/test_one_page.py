"""A page in thirteen languages is one page in the admin too: deleting or unpublishing it there
does so in every language, and a field linking a practice takes any language's version."""

from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from wagtail.models import Locale, Page

from meetings.models import AgendaItem
from practices.models import GoodPracticePage
from resources.models import ReportContribution

BARCELONA = "barcelona-assistance-to-victims"


class CascadeTests(TestCase):
    def setUp(self):
        self.client.force_login(
            get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
        )
        self.practice = GoodPracticePage.objects.get(slug=BARCELONA, locale__language_code="en")
        self.copies = Page.objects.filter(translation_key=self.practice.translation_key)

    def test_deleting_the_source_page_deletes_it_in_every_language(self):
        # The demo translates it into every language: two of them become aliases again.
        for language in ("hu", "ro"):
            copy = self.copies.get(locale__language_code=language)
            self.client.post(reverse("wagtail_localize:convert_to_alias", args=[copy.pk]))
        self.assertGreater(self.copies.filter(alias_of__isnull=True).count(), 1)
        self.assertGreater(self.copies.filter(alias_of__isnull=False).count(), 1)

        confirmation = self.client.get(f"/admin/pages/{self.practice.pk}/delete/")
        response = self.client.post(f"/admin/pages/{self.practice.pk}/delete/")

        self.assertEqual(confirmation.status_code, HTTPStatus.OK)
        self.assertGreater(confirmation.context["translation_count"], 0)
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertEqual(self.copies.count(), 0)

    def test_deleting_a_translation_leaves_the_other_languages(self):
        german = self.copies.get(locale__language_code="de")
        before = self.copies.count()

        self.client.post(f"/admin/pages/{german.pk}/delete/")

        self.assertEqual(self.copies.count(), before - 1)
        self.assertTrue(self.copies.filter(pk=self.practice.pk).exists())

    def test_unpublishing_the_source_page_unpublishes_it_in_every_language(self):
        self.assertGreater(self.copies.live().count(), 1)

        response = self.client.post(f"/admin/pages/{self.practice.pk}/unpublish/")

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.assertEqual(self.copies.live().count(), 0)


class PracticePresentedTests(TestCase):
    def test_any_languages_version_is_accepted_and_kept_as_the_source(self):
        source = GoodPracticePage.objects.get(slug=BARCELONA, locale__language_code="en")
        # The demo translates it into every language: its Hungarian copy becomes an alias again.
        self.client.force_login(
            get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
        )
        hungarian = source.get_translation(Locale.objects.get(language_code="hu"))
        self.client.post(reverse("wagtail_localize:convert_to_alias", args=[hungarian.pk]))
        self.assertEqual(Page.objects.get(pk=hungarian.pk).alias_of_id, source.pk)
        for model in (AgendaItem, ReportContribution):
            for language in ("de", "hu"):  # A translation, an alias.
                with self.subTest(model=model.__name__, language=language):
                    chosen = source.get_translation(Locale.objects.get(language_code=language))
                    field = model._meta.get_field("practice").formfield()

                    self.assertEqual(field.clean(chosen.pk), chosen)
                    item = model(title="A presentation", practice=chosen)
                    item.clean()
                    self.assertEqual(item.practice, source)
