"""The life of a translation through the admin's views and wagtail-localize, and the one truth
about its state that the report, the dashboard, the reader's notice, the API and the page cache
all tell."""

import csv
import io
import re
from http import HTTPStatus

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils.translation import gettext, override

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from dcaht.models import Place, SourceChange
from practices.models import GoodPracticePage
from tests.publishing.helpers import add_url, edit_url, make_user, practice_form, practice_index

SLUG = "szeged-outreach"
TITLE = "Szeged – outreach to seasonal workers"
HUNGARIAN = {
    TITLE: "Szeged – tájékoztatás az idénymunkásoknak",
    f"Summary of {TITLE}.": "Összefoglaló.",
    "What was done.": "Mi történt.",
}
CHANGED_TEXT = "What was done, told anew."

NOT_YET = (
    "This page is being translated into your language. Until then, it is shown in the "
    "original language."
)
OUTDATED = "This translation predates the original's update of %(date)s."
PARTLY = (
    "This page is only partly translated into your language: some passages are shown in the "
    "original language."
)


def in_hungarian(message: str) -> str:
    with override("hu"):
        return gettext(message)


def csv_rows(response) -> list[dict]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


class TranslationLifeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("sync_roles", verbosity=0)
        cls.secretariat = make_user("sofia", is_superuser=True)
        cls.translator = make_user("hanna", "Translators: Hungarian")
        cls.hungarian = Locale.objects.get(language_code="hu")
        cls.places = Place.objects.filter(locale__language_code="en")[:1]

    def setUp(self):
        self.client.force_login(self.secretariat)

    # What the secretariat and the translator do, through the admin.

    def publish_new_practice(self) -> GoodPracticePage:
        response = self.client.post(
            add_url(practice_index()), practice_form(TITLE, SLUG, self.places, action_publish="1")
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        return GoodPracticePage.objects.get(slug=SLUG, locale__language_code="en")

    def edit_source(self, page, text: str, *, minor: bool = False):
        data = practice_form(TITLE, SLUG, self.places, text=text, action_publish="1")
        if minor:
            data["minor_change"] = "on"
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(edit_url(page), data)
        self.assertEqual(response.status_code, HTTPStatus.FOUND)

    def start_translation(self, page):
        # wagtail-localize publishes when the request's transaction commits.
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
                {"locales": [self.hungarian.pk]},
            )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)

    def translation(self, page) -> Translation:
        return Translation.objects.get(
            source__object_id=page.translation_key, target_locale=self.hungarian
        )

    def translate_and_publish(self, page, strings: dict[str, str]):
        """As the Hungarian translator: type each string into the editor, then publish."""
        self.client.force_login(self.translator)
        translation = self.translation(page)
        for segment in StringSegment.objects.filter(source=translation.source).select_related(
            "string"
        ):
            if segment.string.data in strings:
                response = self.client.put(
                    reverse(
                        "wagtail_localize:edit_string_translation",
                        args=[translation.pk, segment.pk],
                    ),
                    f"value={strings[segment.string.data]}",
                    content_type="application/x-www-form-urlencoded",
                )
                self.assertIn(response.status_code, (HTTPStatus.OK, HTTPStatus.CREATED))
        target = page.get_translation(self.hungarian)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(edit_url(target), {"action": "publish"})
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.client.force_login(self.secretariat)

    def sync(self, page, *, publish: bool = True):
        source = TranslationSource.objects.get(
            object_id=page.translation_key, locale__language_code="en"
        )
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("wagtail_localize:update_translations", args=[source.pk]),
                {"publish_translations": "on"} if publish else {},
            )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)

    # What each of them sees.

    def report_status(self, title: str) -> str:
        response = self.client.get(
            "/admin/reports/translations/", {"export": "csv", "locale": self.hungarian.pk}
        )
        return {row["Title"]: row["Status"] for row in csv_rows(response)}.get(title)

    def dashboard_counts(self) -> dict[str, int]:
        """The Hungarian row of the dashboard's summary, by column heading."""
        page = self.client.get("/admin/").content.decode()
        panel = re.search(r'id="translation-summary-section".*?</table>', page, re.S).group(0)
        headings = re.findall(r'<th scope="col">(.*?)</th>', panel)[1:]
        row = re.search(r'<th scope="row">Hungarian</th>(.*?)</tr>', panel, re.S).group(1)
        counts = [int(n) for n in re.findall(r"<td>(?:<a [^>]*>)?(\d+)", row)]
        return dict(zip(headings, counts, strict=True))

    def reader_page(self, page) -> str:
        self.client.logout()
        response = self.client.get(f"/hu/practices/{SLUG}/")
        self.client.force_login(self.secretariat)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return response.content.decode()

    def api_state(self, page) -> dict:
        target = page.get_translation(self.hungarian)
        response = self.client.get(f"/api/v2/pages/{target.pk}/")
        return response.json()["meta"]["translation"]

    def test_the_life_of_a_translation(self):
        page = self.publish_new_practice()
        self.assertEqual(self.report_status(TITLE), "Not translated")
        self.assertEqual(self.api_state(page)["status"], "not_translated")

        self.start_translation(page)

        self.assertEqual(self.report_status(TITLE), "In translation")
        (started,) = mail.outbox
        self.assertEqual(started.to, [self.translator.email])
        self.assertEqual(started.subject, f"To translate into Hungarian: {TITLE}")
        html = self.reader_page(page)
        self.assertIn(in_hungarian(NOT_YET), html)
        self.assertRegex(html, r'<h1 lang="en">Szeged – outreach')
        self.assertEqual(self.api_state(page)["status"], "in_translation")
        self.assertEqual(self.api_state(page)["written_in"], "en")

        self.translate_and_publish(page, HUNGARIAN)

        self.assertEqual(self.report_status(HUNGARIAN[TITLE]), "Translated, up to date")
        html = self.reader_page(page)
        self.assertNotIn('class="notice"', html)
        self.assertRegex(html, r"<h1>Szeged – tájékoztatás")
        self.assertEqual(self.api_state(page)["status"], "current")
        # Warm the page cache with the up-to-date page.
        self.reader_page(page)

        self.edit_source(page, CHANGED_TEXT)

        self.assertEqual(mail.outbox[-1].subject, f"The original changed: {TITLE}")
        self.assertEqual(mail.outbox[-1].to, [self.translator.email])
        changed_at = SourceChange.objects.get(translation_key=page.translation_key).changed_at
        self.assertEqual(self.report_status(HUNGARIAN[TITLE]), "Translated, outdated")
        self.assertEqual(self.dashboard_counts()["Translated, outdated"], 1)
        html = self.reader_page(page)
        self.assertIn(in_hungarian(OUTDATED).split("%(date)s")[0], html)
        state = self.api_state(page)
        self.assertEqual(state["status"], "outdated")
        self.assertEqual(state["source_changed_at"], changed_at.isoformat())

        self.sync(page)

        self.assertEqual(self.report_status(HUNGARIAN[TITLE]), "Partly translated")
        self.assertIn(in_hungarian(PARTLY), self.reader_page(page))
        state = self.api_state(page)
        self.assertEqual(state["status"], "partly_translated")
        self.assertEqual(state["translated_segments"], state["segments"] - 1)

        self.translate_and_publish(page, {CHANGED_TEXT: "Mi történt, újra elmondva."})

        self.assertEqual(self.report_status(HUNGARIAN[TITLE]), "Translated, up to date")
        self.assertNotIn('class="notice"', self.reader_page(page))

    def test_a_minor_change_leaves_the_translations_up_to_date(self):
        page = self.publish_new_practice()
        self.start_translation(page)
        self.translate_and_publish(page, HUNGARIAN)
        mails = len(mail.outbox)

        self.edit_source(page, "What was done.", minor=True)

        self.assertEqual(self.report_status(HUNGARIAN[TITLE]), "Translated, up to date")
        self.assertEqual(len(mail.outbox), mails)

        self.edit_source(page, CHANGED_TEXT)

        self.assertEqual(self.report_status(HUNGARIAN[TITLE]), "Translated, outdated")

    def test_a_sync_not_published_leaves_readers_the_outdated_translation(self):
        page = self.publish_new_practice()
        self.start_translation(page)
        self.translate_and_publish(page, HUNGARIAN)
        self.edit_source(page, CHANGED_TEXT)

        self.sync(page, publish=False)

        self.assertEqual(self.report_status(HUNGARIAN[TITLE]), "Translated, outdated")
        self.assertIn(in_hungarian(OUTDATED).split("%(date)s")[0], self.reader_page(page))

    def test_a_translator_may_turn_the_emails_off(self):
        self.client.force_login(self.translator)
        response = self.client.post(
            reverse("wagtailadmin_account"),
            {
                "translation_notifications-started": "",
                "translation_notifications-source_changed": "on",
                # Wagtail's own notification preferences, as the form posts them.
                "notifications-submitted_notifications": "on",
                "notifications-approved_notifications": "on",
                "notifications-rejected_notifications": "on",
                "notifications-updated_comments_notifications": "on",
                "locale-preferred_language": "en",
                "locale-current_time_zone": "",
                "theme-theme": "system",
                "theme-density": "default",
                "theme-contrast": "system",
                "theme-keyboard_shortcuts": "on",
                "name_email-first_name": "Hanna",
                "name_email-last_name": "Kovács",
                "name_email-email": self.translator.email,
            },
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.client.force_login(self.secretariat)

        self.start_translation(self.publish_new_practice())

        self.assertEqual(mail.outbox, [])


class AutosaveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.secretariat = make_user("sofia", is_superuser=True)
        cls.places = Place.objects.filter(locale__language_code="en")[:1]

    def setUp(self):
        self.client.force_login(self.secretariat)

    def test_an_autosaved_draft_is_nobodys_translation_work_until_published(self):
        copies_before = Page.objects.exclude(locale__language_code="en").count()

        # Wagtail's autosave posts the new page's form and expects JSON.
        response = self.client.post(
            add_url(practice_index()),
            practice_form(TITLE, SLUG, self.places),
            HTTP_ACCEPT="application/json",
        )

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertTrue(response.json()["success"])
        draft = GoodPracticePage.objects.get(slug=SLUG)
        self.assertFalse(draft.live)
        self.assertEqual(Page.objects.exclude(locale__language_code="en").count(), copies_before)
        report = self.client.get("/admin/reports/translations/", {"export": "csv"})
        self.assertNotIn(TITLE, [row["Title"] for row in csv_rows(report)])

        response = self.client.post(
            edit_url(draft), practice_form(TITLE, SLUG, self.places, action_publish="1")
        )

        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        copies = Page.objects.translation_of(draft, inclusive=False)
        self.assertEqual(copies.count(), len(settings.LANGUAGES) - 1)
        self.assertTrue(all(copy.alias_of_id == draft.pk and copy.live for copy in copies))


class TranslatorWorkTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("sync_roles", verbosity=0)
        cls.secretariat = make_user("sofia", is_superuser=True)
        cls.translator = make_user("hanna", "Translators: Hungarian")
        cls.places = Place.objects.filter(locale__language_code="en")[:1]

    def setUp(self):
        self.client.force_login(self.secretariat)
        response = self.client.post(
            add_url(practice_index()), practice_form(TITLE, SLUG, self.places, action_publish="1")
        )
        self.assertEqual(response.status_code, HTTPStatus.FOUND)
        self.page = GoodPracticePage.objects.get(slug=SLUG, locale__language_code="en")
        self.client.force_login(self.translator)

    def work_list(self) -> list[tuple[str, str, int]]:
        """The translator's work list on the dashboard: (title, state, words) per page."""
        page = self.client.get("/admin/").content.decode()
        panel = re.search(r'id="translation-work-hu-section".*?</table>', page, re.S).group(0)
        rows = re.findall(
            r'<tr data-status="[^"]+">\s*<td><a [^>]*>(.*?)</a></td>\s*<td>(.*?)</td>\s*'
            r"<td>(\d+)</td>",
            panel,
            re.S,
        )
        return [(title, state.strip(), int(words)) for title, state, words in rows]

    def test_the_work_list_shows_the_newest_pages_to_translate_with_their_words(self):
        work = self.work_list()

        # The newest original first; its words: title (6), summary (8), body (3).
        self.assertEqual(work[0], (TITLE, "Not translated", 17))
        # A state, and for a partly translated page how much: "Partly translated (8 of 55 …)".
        states = {state.split(" (")[0] for _title, state, _words in work}
        self.assertLessEqual(
            states,
            {"Not translated", "In translation", "Partly translated", "Translated, outdated"},
        )
        self.assertNotIn("Translated, up to date", states)

    def test_a_translator_starts_a_translation_into_their_own_language_only(self):
        url = reverse("wagtail_localize:submit_page_translation", args=[self.page.pk])

        form = self.client.get(url)

        self.assertEqual(form.status_code, HTTPStatus.OK)
        offered = list(form.context["form"].fields["locales"].queryset)
        self.assertEqual([locale.language_code for locale in offered], ["hu"])

        german = Locale.objects.get(language_code="de")
        refused = self.client.post(url, {"locales": [german.pk]})

        self.assertEqual(refused.status_code, HTTPStatus.OK)  # The form, with its error.
        self.assertFalse(
            Translation.objects.filter(
                source__object_id=self.page.translation_key, target_locale=german
            ).exists()
        )

        hungarian = Locale.objects.get(language_code="hu")
        with self.captureOnCommitCallbacks(execute=True):
            started = self.client.post(url, {"locales": [hungarian.pk]})

        copy = self.page.get_translation(hungarian)
        self.assertRedirects(started, edit_url(copy), fetch_redirect_response=False)
        self.assertIsNone(copy.alias_of_id)
        self.assertEqual(self.work_list()[0][:2], (TITLE, "In translation"))

    def test_a_user_who_translates_no_language_may_not_start_one(self):
        self.client.force_login(make_user("ivo", "Contributors"))

        response = self.client.get(
            reverse("wagtail_localize:submit_page_translation", args=[self.page.pk])
        )

        self.assertNotEqual(response.status_code, HTTPStatus.OK)
