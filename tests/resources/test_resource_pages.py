from http import HTTPStatus

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from resources.blocks import chapter_anchors
from resources.models import (
    GuidelinePage,
    ResourceIndexPage,
    ResourcePage,
    RoundTableReportPage,
)
from tests.home.factories import make_site
from tests.practices.factories import (
    GoodPracticePageFactory,
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    PracticeIndexPageFactory,
    ThemeFactory,
)
from tests.resources.factories import (
    GuidelinePageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    RoundTableReportPageFactory,
    chapter,
)

RESOURCE_TYPES = {ResourcePage, RoundTableReportPage, GuidelinePage}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_the_index_goes_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ResourceIndexPage, {HomePage})

    def test_every_resource_lives_under_a_resource_index(self):
        self.assertAllowedSubpageTypes(ResourceIndexPage, RESOURCE_TYPES)
        for model in RESOURCE_TYPES:
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {ResourceIndexPage})
                self.assertAllowedSubpageTypes(model, set())
                self.assertCanNotCreateAt(HomePage, model)


class ResourcePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = make_site()
        cls.index = ResourceIndexPageFactory(parent=home)
        cls.theme = ThemeFactory(name="Victim assistance")
        cls.resource = ResourcePageFactory(
            parent=cls.index,
            title="A study of shelters",
            year=2016,
            external_link="https://example.org/study",
            issuing_body=OrganisationFactory(name="Research Institute", acronym="RI"),
            themes=[cls.theme],
        )

    def test_each_page_type_renders(self):
        pages = [
            self.index,
            self.resource,
            RoundTableReportPageFactory(parent=self.index),
            GuidelinePageFactory(parent=self.index),
        ]
        for page in pages:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)

    def test_resource_page_shows_its_facts(self):
        response = self.client.get(self.resource.url)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        for text in [
            "A study of shelters",
            "Study",
            "Research Institute (RI)",
            "2016",
            "Victim assistance",
            'href="https://example.org/study"',
        ]:
            self.assertContains(response, text)

    def test_reports_and_guidelines_set_their_own_kind(self):
        report = RoundTableReportPageFactory(parent=self.index)
        guideline = GuidelinePageFactory(parent=self.index)

        self.assertEqual(report.kind, ResourcePage.Kind.REPORT)
        self.assertEqual(guideline.kind, ResourcePage.Kind.GUIDELINE)
        kinds = dict(
            ResourcePage.objects.filter(pk__in=[report.pk, guideline.pk]).values_list("pk", "kind")
        )
        self.assertEqual(kinds, {report.pk: "report", guideline.pk: "guideline"})

    def test_a_reports_year_is_the_year_of_its_meeting_unless_given(self):
        report = RoundTableReportPageFactory(parent=self.index)
        dated = RoundTableReportPageFactory(parent=self.index, year=2018)

        self.assertEqual(report.year, 2017)
        self.assertEqual(dated.year, 2018)

    def test_kind_is_not_asked_of_the_editors_of_reports_and_guidelines(self):
        def fields(model):
            return set(model.get_edit_handler().get_form_class()._meta.fields)

        self.assertIn("kind", fields(ResourcePage))
        self.assertNotIn("kind", fields(RoundTableReportPage))
        self.assertNotIn("kind", fields(GuidelinePage))


class GuidelinePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = ResourceIndexPageFactory(parent=make_site())

    def test_table_of_contents_links_match_the_chapter_anchors(self):
        page = GuidelinePageFactory(
            parent=self.index,
            chapters=[
                chapter("Who is responsible?"),
                chapter("Main"),
                chapter("Who is responsible"),
                chapter("Обучение персонала"),
            ],
        )

        response = self.client.get(page.url)

        html = response.content.decode()
        anchors = [entry["anchor"] for entry in response.context["chapters"]]
        self.assertEqual(
            anchors, ["who-is-responsible", "main-2", "who-is-responsible-2", "обучение-персонала"]
        )
        for anchor in anchors:
            with self.subTest(anchor=anchor):
                self.assertIn(f'<a href="#{anchor}">', html)
                self.assertEqual(html.count(f'id="{anchor}"'), 1)

    def test_anchors_are_unique_and_never_empty(self):
        self.assertEqual(
            chapter_anchors(["…", "…", "A", "a"]), ["chapter-1", "chapter-2", "a", "a-2"]
        )

    def test_guideline_without_chapters_has_no_table_of_contents(self):
        page = GuidelinePageFactory(parent=self.index, chapters=[])

        response = self.client.get(page.url)

        self.assertNotContains(response, 'class="toc"')


class ResourceEditingTests(WagtailPageTestCase):
    """Editors create resources through Wagtail's admin forms."""

    @classmethod
    def setUpTestData(cls):
        home = make_site()
        cls.index = ResourceIndexPageFactory(parent=home)
        practice_index = PracticeIndexPageFactory(parent=home)
        cls.practice = GoodPracticePageFactory(parent=practice_index, title="Shelter network")
        cls.speakers = [PersonFactory(name="Ana Novak"), PersonFactory(name="Ivo Horvat")]
        cls.organiser = OrganisationFactory(name="City of Example")
        cls.place = PlaceFactory(name="Example City")

    def setUp(self):
        self.login()

    def report_data(self, **overrides):
        data = {
            "title": "Round table on shelters",
            "slug": "round-table-on-shelters",
            "summary": "What cities said about shelters.",
            "meeting_date": "2017-11-24",
            "venue": "City Hall",
            "place": str(self.place.pk),
            "organisation_links": inline_formset(
                [{"organisation": str(self.organiser.pk), "role": "organiser"}]
            ),
            "body": streamfield([("text", rich_text("<p>The meeting.</p>"))]),
            "key_messages": streamfield([("message", "Shelters are not homes.")]),
            "contributions": inline_formset(
                [
                    {
                        "title": "Two views of shelters",
                        "summary": rich_text("<p>They presented it together.</p>"),
                        "practice": str(self.practice.pk),
                    }
                ]
            ),
        }
        data.update(overrides)
        form_data = nested_form_data(data)
        # nested_form_data() numbers list items; a multiple choice posts one key several times.
        form_data["contributions-0-speakers"] = [str(person.pk) for person in self.speakers]
        return form_data

    def test_editor_creates_a_report_whose_contribution_has_two_speakers(self):
        self.assertCanCreate(self.index, RoundTableReportPage, self.report_data())

        report = RoundTableReportPage.objects.get(
            slug="round-table-on-shelters", locale__language_code="en"
        )
        contribution = report.contributions.get()
        self.assertEqual(
            {person.name for person in contribution.speakers.all()}, {"Ana Novak", "Ivo Horvat"}
        )
        self.assertEqual(contribution.practice, self.practice)
        self.assertEqual(contribution.locale, report.locale)
        self.assertEqual((report.kind, report.year), ("report", 2017))
        self.assertEqual(report.organisation_links.get().organisation, self.organiser)

        response = self.client.get(report.url)
        self.assertContains(response, "<strong>Ana Novak</strong>")
        self.assertContains(response, "<strong>Ivo Horvat</strong>")
        self.assertContains(response, "Shelter network")

    def test_report_preview_renders_the_unsaved_contributions(self):
        report = RoundTableReportPageFactory(parent=self.index)

        self.assertPageIsPreviewable(report, post_data=self.report_data(slug=report.slug))

    def test_guideline_with_two_chapters_of_the_same_heading_is_refused(self):
        data = nested_form_data(
            {
                "title": "Guidelines",
                "slug": "guidelines",
                "body": streamfield([]),
                "chapters": streamfield(
                    [
                        ("chapter", {"heading": "Training", "text": rich_text("<p>One.</p>")}),
                        ("chapter", {"heading": "training", "text": rich_text("<p>Two.</p>")}),
                    ]
                ),
                "action-publish": "publish",
            }
        )
        url = reverse(
            "wagtailadmin_pages:add",
            args=["resources", "guidelinepage", self.index.pk],
        )

        response = self.client.post(url, data)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, "Two chapters have the heading")
        self.assertFalse(GuidelinePage.objects.child_of(self.index).exists())


class ReportQueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = ResourceIndexPageFactory(parent=make_site())

    def report_with(self, count):
        contributions = [
            ([PersonFactory(), PersonFactory()], f"Contribution {number}")
            for number in range(count)
        ]
        organisations = [(OrganisationFactory(), "organiser") for _ in range(count)]
        return RoundTableReportPageFactory(
            parent=self.index,
            contributions=contributions,
            organisations=organisations,
            themes=[ThemeFactory() for _ in range(count)],
        )

    def count_queries(self, url):
        self.client.get(url)  # Warm the per-process caches (site root paths, content types).
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        return len(queries)

    def test_report_queries_do_not_grow_with_its_contributions(self):
        with_three = self.count_queries(self.report_with(3).url)
        with_twelve = self.count_queries(self.report_with(12).url)

        self.assertEqual(with_three, with_twelve)
