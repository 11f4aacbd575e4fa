"""Renaming or translating a shared record (a theme, an organisation…) updates the search text
of every page that shows it, on the configured engine, at once."""

from http import HTTPStatus

from wagtail.models import Locale

from dcaht.models import Organisation, Theme
from practices.models import GoodPracticePage, PlacePage
from tests.search.test_search import SearchTestCase, slugs
from tests.utils import refresh_search_index


class SharedRecordReindexTests(SearchTestCase):
    def search(self, query, language="en"):
        refresh_search_index()
        response = self.client.get(f"/{language}/search/", {"q": query})
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return set(slugs(response))

    def test_a_renamed_theme_finds_its_practices(self):
        theme = Theme.objects.get(slug="stakeholder-coordination", locale__language_code="en")
        practices = set(
            GoodPracticePage.objects.filter(themes=theme, locale=theme.locale).values_list(
                "slug", flat=True
            )
        )
        self.assertTrue(practices)
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
