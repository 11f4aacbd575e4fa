import re
from http import HTTPStatus

from django.utils.html import escape

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

from dcaht.models import Organisation
from home.demo.network import Network
from home.demo.resources import load_resources
from home.models import HomePage
from resources.models import ResourcePage, RoundTableReportPage
from tests.resources.factories import load_demo_resources
from tests.search.test_search import slugs
from tests.utils import rebuild_search_index, translate

REPORT_URL = "/en/resources/round-table-vienna-2017-report/"

# Every speaker of the seed report, with the organisation (or, for independent experts, the
# description) the report gives them.
SEED_SPEAKERS = {
    "Claudia Singer": "EUSDR Priority Area 10 “Institutional Capacity and Cooperation”",
    "Helga Konrad": "Regional Implementation Initiative",
    "Mike Dottridge": "Independent Anti-Trafficking Expert and Consultant",
    "Enrico Ragaglia": "International Centre for Migration Policy Development",
    "Stefano Volpicelli": "Trainer and Researcher on Migration and Trafficking in Human Beings",
    "Marc van der Reek": "The Smile of the Child",
    "Shams Asadi": "Human Rights Office, Vienna",
    "Evelyn Probst": "LEFÖ-ibf",
    "Polona Kovač": "Society Ključ",
    "Veronica Asensio Capote": "Unity Against Human Trafficking, Barcelona",
    "Gemma Uix": "Unity Against Human Trafficking, Barcelona",
    "Vera Gracheva": "Volunteers' Movement Alternative",
}

SEED_PRACTICE_SLUGS = {
    "vienna-local-greta-working-group",
    "ljubljana-memorandum-of-cooperation",
    "barcelona-assistance-to-victims",
    "moscow-raising-awareness-to-engage-law-enforcement",
}


def speaker_lines(response) -> list[str]:
    return re.findall(r'<span class="speaker">(.*?)</span>', response.content.decode())


class SeedReportTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        rebuild_search_index()
        cls.resources = load_demo_resources()
        cls.report = cls.resources["report"]

    def test_report_names_every_speaker_with_their_organisation(self):
        response = self.client.get(REPORT_URL)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        lines = speaker_lines(response)
        for name, affiliation in SEED_SPEAKERS.items():
            with self.subTest(name=name):
                matching = [line for line in lines if f"<strong>{escape(name)}</strong>" in line]
                self.assertEqual(len(matching), 1)
                self.assertIn(escape(affiliation), matching[0])
        self.assertEqual(len(lines), len(SEED_SPEAKERS))

    def test_the_reports_contents_lead_to_each_section_and_contribution(self):
        response = self.client.get(REPORT_URL)

        html = response.content.decode()
        contents = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
        links = re.findall(r'<a href="#([^"]+)">(.*?)</a>', contents)
        titles = [
            contribution.title for contribution in self.resources["report"].contributions.all()
        ]
        self.assertEqual(
            [title for _anchor, title in links],
            ["Key messages", "Contributions", *(escape(title) for title in titles)],
        )
        for anchor, title in links:
            with self.subTest(title=title):
                self.assertEqual(html.count(f'id="{anchor}"'), 1)
        self.assertIn(
            'id="vienna-local-greta-working-group-for-coordination-of-local-actors"', html
        )

    def test_report_shows_the_meeting_and_its_organisers(self):
        response = self.client.get(REPORT_URL)

        self.assertContains(response, '<time datetime="2017-11-24">')
        self.assertContains(response, "Vienna City Hall")
        organisers = [
            (str(item["organisation"]), item["role"]) for item in response.context["organisations"]
        ]
        self.assertEqual(
            organisers,
            [
                (
                    "EUSDR Priority Area 10 “Institutional Capacity and Cooperation” (PA10)",
                    "Organiser",
                ),
                ("City of Vienna", "Organiser"),
                ("Regional Implementation Initiative (RII)", "In cooperation with"),
            ],
        )

    def test_report_links_to_the_four_practices_presented(self):
        response = self.client.get(REPORT_URL)

        self.assertEqual(
            {practice.slug for practice in response.context["practices"]}, SEED_PRACTICE_SLUGS
        )
        for slug in SEED_PRACTICE_SLUGS:
            self.assertContains(response, f'href="/en/practices/{slug}/"')

    def test_report_links_to_the_resources_its_speakers_name(self):
        response = self.client.get(REPORT_URL)

        for slug in [
            "guidelines-for-municipalities",
            "palermo-protocol",
            "directive-2011-36-eu",
            "trafficking-along-migration-routes-tram",
            "european-hotline-for-missing-children",
        ]:
            self.assertContains(response, f'href="/en/resources/{slug}/"')

    def test_report_has_the_seed_key_messages_and_its_year_from_the_meeting(self):
        self.assertEqual(self.report.kind, ResourcePage.Kind.REPORT)
        self.assertEqual(self.report.year, 2017)
        messages = [block.value for block in self.report.key_messages]
        self.assertEqual(len(messages), 6)
        self.assertIn("the fight against human trafficking is about creating trust.", messages[-1])

    def test_report_in_another_language_shows_the_translated_organisations(self):
        hungarian = Locale.objects.get(language_code="hu")
        source = Organisation.objects.get(
            locale__language_code="en", name="Human Rights Office, Vienna"
        )
        translated = source.get_translation_or_none(hungarian) or source.copy_for_translation(
            hungarian
        )
        translated.name = "Emberi Jogi Hivatal, Bécs"
        translated.save()

        response = self.client.get("/hu/resources/round-table-vienna-2017-report/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "<strong>Shams Asadi</strong>, Emberi Jogi Hivatal, Bécs")
        self.assertContains(response, 'href="/hu/practices/vienna-local-greta-working-group/"')

    def test_translated_report_keeps_its_speakers_and_translates_their_contributions(self):
        translated = translate(
            self.report,
            "de",
            {
                "Opening speech": "Eröffnungsrede",
                "Vienna City Hall": "Wiener Rathaus",
            },
        )

        response = self.client.get("/de/resources/round-table-vienna-2017-report/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "<h3>Eröffnungsrede</h3>")
        self.assertContains(response, "Wiener Rathaus")
        self.assertEqual(len(speaker_lines(response)), len(SEED_SPEAKERS))
        source_speakers = {
            contribution.translation_key: {person.pk for person in contribution.speakers.all()}
            for contribution in self.report.contributions.all()
        }
        translated_speakers = {
            contribution.translation_key: {person.pk for person in contribution.speakers.all()}
            for contribution in translated.contributions.all()
        }
        self.assertEqual(translated_speakers, source_speakers)
        self.assertEqual(
            {contribution.locale.language_code for contribution in translated.contributions.all()},
            {"de"},
        )

    def test_guidelines_have_a_table_of_contents_linking_to_their_chapters(self):
        response = self.client.get("/en/resources/guidelines-for-municipalities/")

        self.assertContains(response, '<nav class="toc" aria-labelledby="contents-heading">')
        self.assertContains(response, '<a href="#about-the-guidelines">About the guidelines</a>')
        self.assertContains(response, '<section class="chapter" id="about-the-guidelines">')

    def test_resources_have_the_seed_kinds_issuers_and_years(self):
        resources = {
            page.slug: page
            for page in ResourcePage.objects.filter(locale__language_code="en").select_related(
                "issuing_body"
            )
        }
        expected = {
            "palermo-protocol": ("legal-instrument", "United Nations", None),
            "directive-2011-36-eu": (
                "legal-instrument",
                "European Parliament and Council of the European Union",
                2011,
            ),
            "trafficking-along-migration-routes-tram": (
                "study",
                "International Centre for Migration Policy Development",
                None,
            ),
            "european-hotline-for-missing-children": ("hotline", None, None),
            "guidelines-for-municipalities": (
                "guideline",
                "EUSDR Priority Area 10 “Institutional Capacity and Cooperation”",
                None,
            ),
            "round-table-vienna-2017-report": (
                "report",
                "EUSDR Priority Area 10 “Institutional Capacity and Cooperation”",
                2017,
            ),
        }
        actual = {
            slug: (
                page.kind,
                page.issuing_body.name if page.issuing_body else None,
                page.year,
            )
            for slug, page in resources.items()
        }
        self.assertEqual(actual, expected)

    def test_search_finds_resources_by_their_text_and_related_names(self):
        for query, slug in [
            ("Dottridge", "round-table-vienna-2017-report"),
            ("procurement", "round-table-vienna-2017-report"),
            ("ICMPD", "trafficking-along-migration-routes-tram"),
            ("Baltic", "guidelines-for-municipalities"),
            ("Europol", "european-hotline-for-missing-children"),
        ]:
            with self.subTest(query=query):
                response = self.client.get("/en/search/", {"q": query})

                found = set(slugs(response))
                self.assertIn(slug, found)

    def test_no_document_is_attached_since_the_seed_has_none(self):
        self.assertFalse(ResourcePage.objects.filter(document__isnull=False).exists())

    def test_loading_again_creates_nothing(self):
        home = HomePage.objects.get(locale__language_code="en")
        count = ResourcePage.objects.count()

        again = load_resources(home, Network(home.locale))

        self.assertEqual(ResourcePage.objects.count(), count)
        self.assertEqual(again["report"].pk, self.report.pk)
        self.assertIsInstance(again["report"], RoundTableReportPage)
        self.assertEqual(again["index"].pk, self.resources["index"].pk)
        self.assertEqual(again["guidelines"].pk, self.resources["guidelines"].pk)

    def test_every_resource_renders_in_every_language(self):
        for page in ResourcePage.objects.all():
            with self.subTest(page=page.url):
                self.assertPageIsRenderable(page)

    def test_the_index_is_in_the_main_menu(self):
        response = self.client.get("/en/")

        self.assertContains(response, '<a href="/en/resources/">Resources</a>', html=False)
