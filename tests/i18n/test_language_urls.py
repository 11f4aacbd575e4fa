from http import HTTPStatus
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, TestCase
from django.urls import reverse

from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from practices.models import GoodPracticePage
from tests.utils import convert_to_alias, translate

LJUBLJANA = "ljubljana-memorandum-of-cooperation"


def editor() -> Client:
    """A client logged in to the admin as a superuser."""
    user, _created = get_user_model().objects.get_or_create(
        username="editor", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    return client


def ljubljana():
    return GoodPracticePage.objects.get(slug=LJUBLJANA, locale__language_code="en")


class LanguageUrlTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.vienna = GoodPracticePage.objects.get(
            slug="vienna-local-greta-working-group", locale__language_code="en"
        )

    def test_a_page_links_the_languages_it_is_written_in_and_x_default(self):
        for url in ["/en/", "/de/practices/", f"/sl/practices/{LJUBLJANA}/"]:
            with self.subTest(url=url):
                response = self.client.get(url)
                page = response.context["page"]
                written = {
                    copy.locale.language_code
                    for copy in page.get_translations(inclusive=True).live()
                    if copy.alias_of_id is None
                }
                for code, _name in settings.LANGUAGES:
                    link = f'<link rel="alternate" hreflang="{code}"'
                    self.assertContains(response, link, count=1 if code in written else 0)
                self.assertContains(response, '<link rel="alternate" hreflang="x-default"', count=1)

    def test_a_view_links_every_language_and_x_default(self):
        response = self.client.get("/en/search/?q=x")

        for code, _name in settings.LANGUAGES:
            self.assertContains(response, f'<link rel="alternate" hreflang="{code}"', count=1)
        self.assertContains(response, '<link rel="alternate" hreflang="x-default"', count=1)

    def test_switcher_keeps_the_reader_on_the_same_page(self):
        response = self.client.get(f"/en/practices/{LJUBLJANA}/")

        for code, _name in settings.LANGUAGES:
            self.assertContains(
                response, f'href="/{code}/practices/{LJUBLJANA}/" hreflang="{code}"'
            )

    def test_switcher_names_each_language_in_itself_and_marks_the_current_one(self):
        response = self.client.get(f"/sl/practices/{LJUBLJANA}/")

        self.assertContains(
            response,
            f'<a href="/sl/practices/{LJUBLJANA}/" hreflang="sl" lang="sl" aria-current="true">'
            "Slovenščina</a>",
            html=True,
        )
        self.assertContains(
            response,
            f'<a href="/de/practices/{LJUBLJANA}/" hreflang="de" lang="de">Deutsch</a>',
            html=True,
        )

    def test_switcher_on_a_view_keeps_the_query(self):
        response = self.client.get("/en/search/?q=Ljubljana+memorandum&theme=victim-assistance")

        for code, _name in settings.LANGUAGES:
            self.assertContains(
                response,
                f'href="/{code}/search/?q=Ljubljana+memorandum&amp;theme=victim-assistance" '
                f'hreflang="{code}"',
            )

    def test_untranslated_page_shows_the_source_with_a_notice_and_its_language(self):
        convert_to_alias(ljubljana(), "hu")

        response = self.client.get(f"/hu/practices/{LJUBLJANA}/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, '<html lang="hu"', html=False)
        # In Hungarian (tests/i18n/test_interface_catalogues.py).
        self.assertContains(response, '<div class="notice" role="note">', html=False)
        # The page's English text is marked so, its Hungarian interface is not.
        self.assertContains(response, '<div class="page-content">', html=False)
        self.assertContains(response, '<h1 lang="en">Ljubljana – Memorandum of Cooperation')
        # Its country is a shared entity, translated on its own: in Hungarian, unmarked.
        self.assertContains(response, "<dt>Ország</dt><dd>Szlovénia</dd>")

    def test_the_notice_says_which_language_is_shown_and_links_the_translations(self):
        convert_to_alias(ljubljana(), "hu", "ro")

        response = self.client.get(f"/hu/practices/{LJUBLJANA}/")
        notice = response.content.decode().split('<div class="notice" role="note">')[1]
        notice = notice.split("</div>")[0]
        translations = GoodPracticePage.objects.filter(
            slug=LJUBLJANA, alias_of__isnull=True
        ).exclude(locale__language_code="en")

        self.assertIn(
            f'Megjelenítés nyelve: <a href="/en/practices/{LJUBLJANA}/" hreflang="en" lang="en">'
            "English</a>",
            notice,
        )
        self.assertGreater(translations.count(), 1)
        for page in translations:
            code = page.locale.language_code
            self.assertIn(f'<a href="{page.url}" hreflang="{code}" lang="{code}">', notice)
        self.assertNotIn('hreflang="ro"', notice)  # An alias: not a translation.

    def test_the_switcher_says_in_which_languages_the_page_is_not_translated(self):
        convert_to_alias(ljubljana(), "hu")

        response = self.client.get(f"/en/practices/{LJUBLJANA}/")

        self.assertContains(
            response,
            f'<a href="/hu/practices/{LJUBLJANA}/" hreflang="hu" lang="hu">'
            "Magyar — nincs lefordítva</a>",
            html=True,
        )
        self.assertContains(
            response,
            f'<a href="/de/practices/{LJUBLJANA}/" hreflang="de" lang="de">Deutsch</a>',
            html=True,
        )

    def test_translated_page_has_no_notice_and_no_foreign_language_mark(self):
        # The demo's Croatian text is a machine's, which readers are told: a translator reviews
        # each of its passages in the editor, retitles the page and publishes it.
        translation = Translation.objects.get(
            source__object_id=self.vienna.translation_key, target_locale__language_code="hr"
        )
        client = editor()
        for segment in StringSegment.objects.filter(source=translation.source):
            reviewed = StringTranslation.objects.get(
                translation_of_id=segment.string_id,
                context_id=segment.context_id,
                locale_id=translation.target_locale_id,
            )
            response = client.put(
                reverse(
                    "wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]
                ),
                urlencode({"value": reviewed.data}),
                content_type="application/x-www-form-urlencoded",
            )
            self.assertEqual(response.status_code, HTTPStatus.OK)
        translate(self.vienna, "hr", {self.vienna.title: "Beč – lokalna radna skupina GRETA"})

        response = self.client.get("/hr/practices/vienna-local-greta-working-group/")

        self.assertContains(response, "Beč – lokalna radna skupina GRETA")
        self.assertNotContains(response, 'class="notice"', html=False)
        self.assertContains(response, '<div class="page-content">', html=False)

    def test_the_language_a_visitor_reads_is_remembered(self):
        self.client.get("/de/practices/")

        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="en")

        self.assertRedirects(response, "/de/", fetch_redirect_response=False)


class DemoMenuTests(TestCase):
    MENUS = {
        "de": ["Beispiele guter Praxis", "Orte", "Ressourcen", "Veranstaltungen"],
        "sl": ["Viri", "Dogodki"],
        "es": ["Recursos", "Eventos"],
        "ru": ["Ресурсы", "Мероприятия"],
        "hu": ["Jó gyakorlatok", "Helyszínek", "Források", "Események"],
        "uk": ["Добрі практики", "Місця", "Матеріали", "Заходи"],
    }

    def test_the_main_menu_is_in_the_readers_language(self):
        for language, entries in self.MENUS.items():
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/")
                menu = response.content.decode().split('class="main-nav"')[1].split("</nav>")[0]

                for entry in entries:
                    self.assertIn(f">{entry}</a>", menu)
                self.assertNotIn(">Resources</a>", menu)
                self.assertNotIn(">Events</a>", menu)

    def menu(self, path):
        response = self.client.get(path)
        return response.content.decode().split('class="main-nav"')[1].split("</nav>")[0]

    def test_the_menu_links_each_section_and_marks_the_one_shown(self):
        menu = self.menu("/de/resources/")

        self.assertIn('<a href="/de/practices/">Beispiele guter Praxis</a>', menu)
        self.assertIn('<a href="/de/resources/" aria-current="page">Ressourcen</a>', menu)

    def test_a_section_renamed_or_hidden_changes_the_menu_at_once(self):
        self.menu("/en/")  # The menu is read once per content generation.
        section = Page.objects.get(url_path="/home/resources/", locale__language_code="en").specific
        section.title = "Library"
        section.save_revision().publish()
        self.assertIn('<a href="/en/resources/">Library</a>', self.menu("/en/"))

        section.show_in_menus = False
        section.save_revision().publish()
        self.assertNotIn("/en/resources/", self.menu("/en/"))


class SiteChromeTests(TestCase):
    """The parts of every page that are the same on all pages of a language (the brand, the
    search box's labels, the footer) are rendered once per language: each reader still gets
    their own language's, whatever page of another language was served before."""

    def test_the_header_and_footer_are_in_the_readers_language_page_after_page(self):
        for path, skip_link, brand in [
            ("/en/", "Skip to main content", "Danube Cities Knowledge Hub"),
            ("/sl/", "Preskoči na glavno vsebino", "Središče znanja podonavskih mest"),
            ("/en/practices/", "Skip to main content", "Danube Cities Knowledge Hub"),
            ("/sl/practices/", "Preskoči na glavno vsebino", "Središče znanja podonavskih mest"),
        ]:
            with self.subTest(path=path):
                response = self.client.get(path)

                self.assertContains(response, f'<a class="skip-link" href="#main">{skip_link}</a>')
                self.assertContains(response, f'<span class="site-brand__name">{brand}</span>')
                self.assertContains(response, f"<title>{response.context['page'].title} · {brand}")

    def test_the_brand_links_to_the_home_page_in_the_readers_language(self):
        for language in ("en", "sl", "de"):
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/practices/")

                self.assertContains(response, f'<a class="site-brand" href="/{language}/">')

    def test_the_header_search_box_shows_each_search_s_own_words(self):
        for query in ("Vienna", "Ljubljana"):
            with self.subTest(query=query):
                response = self.client.get("/en/search/", {"q": query})

                self.assertContains(
                    response, f'id="site-search-q" type="search" name="q" value="{query}"'
                )
