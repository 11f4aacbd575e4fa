"""Translators' workflow through the admin: status report, outdated notices, PO files, roles."""

import csv
import html
import io
import re
from http import HTTPStatus

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override

from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

import polib

from meetings.models import EventPage
from practices.models import GoodPracticePage
from resources.models import RoundTableReportPage
from tests.utils import translate

VIENNA = "vienna-local-greta-working-group"
GERMAN_TITLE = "Wien – lokale GRETA-Arbeitsgruppe zur Koordinierung lokaler Akteure"
CROATIAN_TITLE = "Beč – lokalna radna skupina GRETA za koordinaciju lokalnih aktera"


# The notices of a translation, in Croatian on the Croatian pages.
OUTDATED = "This translation predates the original's update of %(date)s."
PARTLY = (
    "This page is only partly translated into your language: some passages are shown in the "
    "original language."
)
MACHINE_TRANSLATED = (
    "Parts of this page were translated by a machine and have not been reviewed by a person yet."
)


def in_croatian(message: str) -> str:
    with override("hr"):
        return gettext(message)


def translation_of(page, language):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=language
    )


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


def dashboard_summary(client) -> dict[str, list[tuple[int, str | None]]]:
    """The dashboard's translation summary: per language, (pages, link) for outdated, partly
    translated, in translation, not translated and up to date, in that order."""
    page = client.get("/admin/").content.decode()
    panel = re.search(r'id="translation-summary-section".*?</table>', page, re.S)
    if panel is None:
        return {}
    rows = re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', panel.group(0), re.S)
    return {
        language: [
            (int(pages), html.unescape(link) or None)
            for link, pages in re.findall(r'<td>(?:<a href="([^"]+)">)?(\d+)', cells)
        ]
        for language, cells in rows
    }


def messages_shown(response) -> list[tuple[str, str]]:
    """The admin's messages on the page a redirect led to, as (level, text)."""
    return [(message.level_tag, str(message).strip()) for message in response.context["messages"]]


class TranslationStatusTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.source = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="en")
        cls.croatian = translate(cls.source, "hr", {cls.source.title: CROATIAN_TITLE})
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.org", "x")
        # The admin would otherwise follow the language of the public pages just visited.
        UserProfile.objects.create(user=cls.admin, preferred_language="en")

    def setUp(self):
        self.client.force_login(self.admin)

    def status(self, language):
        # The admin, its exports included, stays English after reading /hr/ pages.
        response = self.client.get(
            "/admin/reports/translations/", {"export": "csv", "locale": self.locale_id(language)}
        )
        return {row["Title"]: row["Status"] for row in csv_rows(response)}

    def locale_id(self, language):
        return GoodPracticePage.objects.get(slug=VIENNA, locale__language_code=language).locale_id

    def publish_source_change(self):
        self.source.summary = "An updated summary."
        self.source.save_revision().publish()

    def sync_translations(self):
        source = TranslationSource.objects.get_for_instance(self.source)
        response = self.client.post(
            reverse("wagtail_localize:update_translations", args=[source.id]),
            {"publish_translations": "on"},
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)

    def test_report_tells_each_pages_state_per_language(self):
        croatian = self.status("hr")
        hungarian = self.status("hu")

        event = EventPage.objects.get(locale__language_code="en")
        report = RoundTableReportPage.objects.get(locale__language_code="en")
        self.assertEqual(croatian[CROATIAN_TITLE], "Translated, up to date")
        # The demo translates the event into no language, and its report only in part.
        self.assertEqual(croatian[event.title], "Not translated")
        self.assertEqual(hungarian[event.title], "Not translated")
        hungarian_report = report.get_translation(Locale.objects.get(language_code="hu"))
        self.assertEqual(hungarian[hungarian_report.title], "Partly translated")
        self.assertEqual(hungarian["Jó gyakorlatok"], "Translated, up to date")
        self.assertEqual(
            set(hungarian.values()),
            {"Not translated", "Partly translated", "Translated, up to date"},
        )

    def test_report_filters_by_page_type_and_status(self):
        response = self.client.get(
            "/admin/reports/translations/",
            {
                "translation_status": "current",
                "locale": self.locale_id("hr"),
                "content_type": self.source.content_type_id,
                "export": "csv",
            },
        )

        titles = sorted(row["Title"] for row in csv_rows(response))
        croatian_practices = GoodPracticePage.objects.filter(locale__language_code="hr")
        self.assertEqual(titles, sorted(croatian_practices.values_list("title", flat=True)))
        self.assertIn(CROATIAN_TITLE, titles)

    def test_a_source_change_makes_the_translation_outdated_until_a_sync_is_published(self):
        self.publish_source_change()

        self.assertEqual(self.status("hr")[CROATIAN_TITLE], "Translated, outdated")
        outdated = in_croatian(OUTDATED).split("%(date)s")[0]
        original = f'<a href="/en/practices/{VIENNA}/" hreflang="en">'
        page = self.client.get(f"/hr/practices/{VIENNA}/")
        self.assertContains(page, outdated)
        self.assertContains(page, original, html=False)

        with self.captureOnCommitCallbacks(execute=True):
            self.sync_translations()

        # The changed summary is not translated yet: the page is shown with it in English.
        self.assertEqual(self.status("hr")[CROATIAN_TITLE], "Partly translated")
        page = self.client.get(f"/hr/practices/{VIENNA}/")
        self.assertNotContains(page, outdated)
        self.assertContains(page, escape(in_croatian(PARTLY)))
        self.assertContains(page, original, html=False)
        self.assertContains(page, "An updated summary.")

    def test_the_dashboard_counts_each_languages_pages_by_state_and_links_to_them(self):
        croatian = dashboard_summary(self.client)["Croatian"]

        states = ["outdated", "partly_translated", "in_translation", "not_translated", "current"]
        self.assertEqual(
            [pages for pages, _link in croatian],
            [len(self.rows("hr", state)) for state in states],
        )
        self.assertIn(CROATIAN_TITLE, [row["Title"] for row in self.rows("hr", "current")])
        for pages, link in croatian:
            if pages:
                response = self.client.get(f"{link}&export=csv")
                self.assertEqual(len(csv_rows(response)), pages)
            else:
                self.assertIsNone(link)
        self.assertEqual(len(dashboard_summary(self.client)), 12)

        self.publish_source_change()

        self.assertEqual(dashboard_summary(self.client)["Croatian"][0][0], 1)

    def rows(self, language, status):
        response = self.client.get(
            "/admin/reports/translations/",
            {"export": "csv", "locale": self.locale_id(language), "translation_status": status},
        )
        return csv_rows(response)

    def test_machine_translated_text_is_announced_until_reviewed(self):
        translation = translation_of(self.source, "hr")
        response = self.client.post(
            reverse("wagtail_localize:machine_translate", args=[translation.id]),
            {"next": "/admin/"},
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        translation.save_target(publish=True)
        self.assertTrue(
            StringTranslation.objects.filter(
                locale__language_code="hr", translation_type="machine"
            ).exists()
        )

        page = self.client.get(f"/hr/practices/{VIENNA}/")

        self.assertContains(page, escape(in_croatian(MACHINE_TRANSLATED)))

    def test_po_file_exported_and_imported_unchanged_changes_nothing(self):
        translation = translation_of(self.source, "hr")
        exported = self.client.get(
            reverse("wagtail_localize:download_pofile", args=[translation.id])
        )
        before = list(StringTranslation.objects.values_list("id", "data").order_by("id"))

        response = self.client.post(
            reverse("wagtail_localize:upload_pofile", args=[translation.id]),
            {"file": SimpleUploadedFile("hr.po", exported.content), "next": "/admin/"},
            follow=True,
        )

        self.assertEqual(
            messages_shown(response),
            [("success", "Successfully imported translations from PO File.")],
        )
        after = list(StringTranslation.objects.values_list("id", "data").order_by("id"))
        self.assertEqual(after, before)
        self.assertEqual(GoodPracticePage.objects.get(pk=self.croatian.pk).title, CROATIAN_TITLE)

    def test_a_po_file_with_a_changed_translation_is_imported(self):
        translation = translation_of(self.source, "hr")
        exported = self.client.get(
            reverse("wagtail_localize:download_pofile", args=[translation.id])
        )
        po = polib.pofile(exported.content.decode())
        [entry] = [entry for entry in po if entry.msgid == self.source.title]
        entry.msgstr = "Beč – radna skupina GRETA"

        response = self.client.post(
            reverse("wagtail_localize:upload_pofile", args=[translation.id]),
            {"file": SimpleUploadedFile("hr.po", str(po).encode()), "next": "/admin/"},
            follow=True,
        )

        self.assertEqual(
            messages_shown(response),
            [("success", "Successfully imported translations from PO File.")],
        )
        self.assertEqual(
            StringTranslation.objects.get(
                locale__language_code="hr", translation_of__data=self.source.title
            ).data,
            "Beč – radna skupina GRETA",
        )

    def test_malformed_po_uploads_are_refused_with_a_message_and_change_nothing(self):
        translation = translation_of(self.source, "hr")
        url = reverse("wagtail_localize:upload_pofile", args=[translation.id])
        before = list(StringTranslation.objects.values_list("id", "data").order_by("id"))
        uploads = {
            "not a PO file": {"file": SimpleUploadedFile("x.po", b'msgid "unterminated\n')},
            "PO of no translation": {
                "file": SimpleUploadedFile("x.po", b'msgid "Hello"\nmsgstr "Hallo"\n')
            },
            "binary": {"file": SimpleUploadedFile("x.po", bytes(range(256)))},
            "no file": {},
        }
        for label, data in uploads.items():
            with self.subTest(label):
                response = self.client.post(url, {**data, "next": "/admin/"}, follow=True)

                self.assertEqual(response.status_code, HTTPStatus.OK)
                errors = [text for level, text in messages_shown(response) if level == "error"]
                self.assertEqual(len(errors), 1)
        after = list(StringTranslation.objects.values_list("id", "data").order_by("id"))
        self.assertEqual(after, before)

    def test_a_string_pasted_with_a_nul_character_is_saved_without_it(self):
        """PostgreSQL refuses NUL in text: the editor's save was a 500 and lost the string."""
        translation = translation_of(self.source, "hr")
        title = StringSegment.objects.get(source=translation.source, string__data=self.source.title)
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, title.id])

        # As the editor sends it: a PUT of a multipart form.
        response = self.client.put(
            url,
            encode_multipart(BOUNDARY, {"value": "Beč –\x00 nova radna skupina"}),
            content_type=MULTIPART_CONTENT,
        )

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response.json()["data"], "Beč – nova radna skupina")
        saved = StringTranslation.objects.get(
            translation_of=title.string, locale__language_code="hr", context=title.context
        )
        self.assertEqual(saved.data, "Beč – nova radna skupina")

    def test_a_save_without_a_value_is_refused_and_saves_nothing(self):
        """The editor always sends `value`; wagtail-localize read it unchecked: a 500."""
        translation = translation_of(self.source, "hr")
        title = StringSegment.objects.get(source=translation.source, string__data=self.source.title)
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, title.id])
        before = list(StringTranslation.objects.values_list("id", "data").order_by("id"))

        for label, body, content_type in (
            ("a form without the field", encode_multipart(BOUNDARY, {}), MULTIPART_CONTENT),
            ("JSON", '{"value": "Beč"}', "application/json"),
        ):
            with self.subTest(label):
                response = self.client.put(url, body, content_type=content_type)

                self.assertEqual(response.status_code, HTTPStatus.BAD_REQUEST)
                self.assertEqual(response.json(), {"value": ["This field is required."]})
        after = list(StringTranslation.objects.values_list("id", "data").order_by("id"))
        self.assertEqual(after, before)


class TranslatorRoleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("sync_roles", verbosity=0)
        cls.source = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="en")
        cls.german = translate(cls.source, "de", {cls.source.title: GERMAN_TITLE})
        cls.slovenian = translate(cls.source, "sl")
        cls.translator = get_user_model().objects.create_user("hanna", "h@example.org", "x")
        cls.translator.groups.add(Group.objects.get(name="Translators: German"))
        UserProfile.objects.create(user=cls.translator, preferred_language="en")

    def setUp(self):
        self.client.force_login(self.translator)

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=[page.id])

    def test_german_translator_edits_and_publishes_german_pages(self):
        response = self.client.get(self.edit_url(self.german))
        self.assertEqual(response.status_code, HTTPStatus.OK)

        translation = translation_of(self.source, "de")
        exported = self.client.get(
            reverse("wagtail_localize:download_pofile", args=[translation.id])
        )
        self.assertEqual(exported.status_code, HTTPStatus.OK)
        # What the translation editor's "Publish" button posts; wagtail-localize publishes when
        # the request's transaction commits.
        with self.captureOnCommitCallbacks(execute=True):
            publish = self.client.post(self.edit_url(self.german), {"action": "publish"})
        self.assertEqual(publish.status_code, HTTPStatus.FOUND)
        self.assertNotEqual(publish["Location"], "/admin/")  # Where a refusal leads.
        self.german.refresh_from_db()
        self.assertEqual(self.german.live_revision.user, self.translator)

    def test_a_translators_dashboard_counts_the_pages_of_their_language_only(self):
        self.assertEqual(list(dashboard_summary(self.client)), ["German"])

        contributor = get_user_model().objects.create_user("carl", "c@example.org", "x")
        contributor.groups.add(Group.objects.get(name="Contributors"))
        self.client.force_login(contributor)

        self.assertEqual(dashboard_summary(self.client), {})

    def test_german_translator_is_refused_the_english_and_slovenian_pages(self):
        """Wagtail's admin refuses a browser with a redirect and a message, a script with 403."""
        for page in [self.source, self.slovenian]:
            with self.subTest(language=page.locale.language_code):
                revisions = page.revisions.count()

                view = self.client.get(self.edit_url(page), follow=True)
                post = self.client.post(
                    self.edit_url(page), {"title": "Hijacked", "slug": VIENNA}, follow=True
                )
                scripted = self.client.post(
                    self.edit_url(page),
                    {"title": "Hijacked", "slug": VIENNA},
                    HTTP_X_REQUESTED_WITH="XMLHttpRequest",
                )

                for response in (view, post):
                    self.assertEqual(response.redirect_chain, [("/admin/", HTTPStatus.FOUND)])
                    self.assertContains(response, "Sorry, you do not have permission")
                self.assertEqual(scripted.status_code, HTTPStatus.FORBIDDEN)
                page.refresh_from_db()
                self.assertNotEqual(page.title, "Hijacked")
                self.assertEqual(page.revisions.count(), revisions)

    def test_german_translator_cannot_upload_translations_of_other_languages(self):
        translation = translation_of(self.source, "sl")
        strings = StringTranslation.objects.filter(locale__language_code="sl").count()

        response = self.client.post(
            reverse("wagtail_localize:upload_pofile", args=[translation.id]),
            {"file": SimpleUploadedFile("sl.po", b'msgid ""\nmsgstr ""\n')},
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )

        self.assertEqual(response.status_code, HTTPStatus.FORBIDDEN)
        self.assertEqual(
            StringTranslation.objects.filter(locale__language_code="sl").count(), strings
        )

    def test_german_translator_may_not_delete_unpublish_or_move_a_german_page(self):
        for action in ("delete", "unpublish", "move"):
            with self.subTest(action):
                url = reverse(f"wagtailadmin_pages:{action}", args=[self.german.pk])

                view = self.client.get(url, follow=True)
                post = self.client.post(url, follow=True)

                for response in (view, post):
                    self.assertEqual(response.redirect_chain, [("/admin/", HTTPStatus.FOUND)])
                    self.assertContains(response, "Sorry, you do not have permission")
                self.german.refresh_from_db()
                self.assertTrue(self.german.live)
        # The translation editor offers neither.
        editor = self.client.get(self.edit_url(self.german)).content.decode()
        self.assertIn(escape('"canDelete": false'), editor)
        self.assertIn(escape('"canUnpublish": false'), editor)

    def test_german_translator_may_not_stop_the_translation_nor_make_it_an_alias(self):
        translation = translation_of(self.source, "de")
        stop = reverse("wagtail_localize:stop_translation", args=[translation.pk])
        convert = reverse("wagtail_localize:convert_to_alias", args=[self.german.pk])

        for url in (stop, convert):
            with self.subTest(url):
                response = self.client.post(url, {"next": self.edit_url(self.german)}, follow=True)

                errors = [text for level, text in messages_shown(response) if level == "error"]
                self.assertEqual(len(errors), 1)
                self.assertIn("Only the secretariat", errors[0])
        translation.refresh_from_db()
        self.german.refresh_from_db()
        self.assertTrue(translation.enabled)
        self.assertIsNone(self.german.alias_of_id)

    def test_german_translator_may_not_start_a_translation_into_another_language(self):
        event = EventPage.objects.get(locale__language_code="en")
        slovenian = Locale.objects.get(language_code="sl")

        response = self.client.post(
            reverse("wagtail_localize:submit_page_translation", args=[event.pk]),
            {"locales": [slovenian.pk]},
        )

        # The form again: it offers German only, and says Slovenian is not a choice.
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertIn("locales", response.context["form"].errors)
        self.assertFalse(
            Translation.objects.filter(
                source__object_id=event.translation_key, target_locale=slovenian
            ).exists()
        )
        self.assertIsNotNone(event.get_translation(slovenian).alias_of_id)


class AdminLanguageTests(TestCase):
    def test_the_admin_speaks_the_users_choice_else_english_whatever_page_was_read_last(self):
        user = get_user_model().objects.create_superuser("zoe", "z@example.org", "x")
        self.client.force_login(user)
        self.client.get(f"/hu/practices/{VIENNA}/")  # Sets the language cookie to Hungarian.

        self.assertContains(self.client.get("/admin/"), '<html lang="en"')

        UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "de"})

        self.assertContains(self.client.get("/admin/"), '<html lang="de"')


class MachineTranslationTests(TestCase):
    def setUp(self):
        self.client.force_login(
            get_user_model().objects.create_superuser("mia", "m@example.org", "x")
        )
        self.croatian = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="hr")

    @override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=None)
    def test_without_a_key_the_editor_says_how_to_turn_machine_translation_on(self):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.croatian.pk]))

        self.assertContains(response, "Machine translation is off")
        self.assertContains(response, "DEEPL_API_KEY")

    def test_with_a_machine_translator_the_editor_offers_it_and_says_nothing(self):
        source = GoodPracticePage.objects.get(slug=VIENNA, locale__language_code="en")
        translate_url = reverse(
            "wagtail_localize:machine_translate", args=[translation_of(source, "hr").pk]
        )

        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.croatian.pk]))

        self.assertNotContains(response, "Machine translation is off")
        self.assertContains(response, translate_url)
