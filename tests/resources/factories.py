import datetime

from django.conf import settings

import factory
import wagtail_factories

from home.demo.network import Network
from home.demo.resources import load_resources
from home.models import HomePage
from resources.models import (
    GuidelinePage,
    ReportContribution,
    ReportOrganisation,
    ResourceIndexPage,
    ResourcePage,
    RoundTableReportPage,
)
from tests.practices.factories import OrganisationFactory, PersonFactory


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourceIndexPage

    title = "Resources"
    slug = "resources"


class ResourcePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourcePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = factory.Faker("sentence")
    kind = ResourcePage.Kind.STUDY
    issuing_body = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        obj.themes = extracted or []

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """Save the page once every hook ran: that stores its parental relations."""
        if create:
            instance.save()


def chapter(heading: str, html: str = "<p>Text.</p>") -> dict:
    return {"type": "chapter", "value": {"heading": heading, "text": html}}


class GuidelinePageFactory(ResourcePageFactory):
    class Meta:
        model = GuidelinePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Guideline {n}")
    kind = ""  # Set by the page itself.
    chapters = factory.LazyFunction(
        lambda: [chapter("Who these guidelines are for"), chapter("First steps")]
    )


class RoundTableReportPageFactory(ResourcePageFactory):
    """A report with `contributions` (a list of (speakers, title) pairs) and `organisations`."""

    class Meta:
        model = RoundTableReportPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Round table {n}")
    kind = ""  # Set by the page itself.
    meeting_date = datetime.date(2017, 11, 24)
    venue = "City Hall"

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        obj.organisation_links = [
            ReportOrganisation(sort_order=order, organisation=organisation, role=role)
            for order, (organisation, role) in enumerate(extracted or [])
        ]

    @factory.post_generation
    def contributions(obj, create, extracted, **kwargs):
        if extracted is None:
            extracted = [([PersonFactory()], "A contribution")]
        obj.contributions = [
            ReportContribution(
                sort_order=order,
                locale=obj.locale,
                speakers=speakers,
                title=title,
                summary="<p>What was said.</p>",
            )
            for order, (speakers, title) in enumerate(extracted)
        ]


def load_demo_resources() -> dict:
    """The seed's resources of the demo site (built once per run, see tests/conftest.py)."""
    home = HomePage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
    return load_resources(home, Network(home.locale))
