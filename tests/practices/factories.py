from decimal import Decimal

from wagtail.models import Locale

import factory
import wagtail_factories

from dcaht.models import Country, Organisation, Person, Place, TargetGroup, Theme
from practices.models import (
    GoodPracticePage,
    PlaceIndexPage,
    PlacePage,
    PracticeIndexPage,
    PracticeOrganisation,
)


class SourceLocaleFactory(factory.django.DjangoModelFactory):
    locale = factory.LazyFunction(Locale.get_default)


# ISO 3166 leaves these codes to users: they never clash with the demo site's real countries.
USER_ASSIGNED_CODES = [
    "aa",
    *(f"q{c}" for c in "mnopqrstuvwxyz"),
    *(f"x{c}" for c in "abcdefghijklmnopqrstuvwxyz"),
]


class CountryFactory(SourceLocaleFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code", "locale")

    name = factory.Sequence(lambda n: f"Country {n}")
    code = factory.Sequence(lambda n: USER_ASSIGNED_CODES[n % len(USER_ASSIGNED_CODES)])


class PlaceFactory(SourceLocaleFactory):
    class Meta:
        model = Place
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")
    country = factory.SubFactory(CountryFactory)
    latitude = Decimal("45.00000")
    longitude = Decimal("20.00000")


class ThemeFactory(SourceLocaleFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class TargetGroupFactory(SourceLocaleFactory):
    class Meta:
        model = TargetGroup

    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")


class OrganisationFactory(SourceLocaleFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.NGO


class PersonFactory(SourceLocaleFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(OrganisationFactory)


class PracticeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticeIndexPage

    title = "Good practices"
    slug = "practices"


class GoodPracticePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GoodPracticePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = factory.Faker("sentence")

    @factory.post_generation
    def places(obj, create, extracted, **kwargs):
        obj.places.set(extracted or [PlaceFactory()])

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        obj.themes.set(extracted or [])

    @factory.post_generation
    def contacts(obj, create, extracted, **kwargs):
        obj.contacts.set(extracted or [])

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        """Declared last: saves the page, which stores the parental many-to-many values."""
        obj.organisation_links = [
            PracticeOrganisation(sort_order=order, organisation=organisation, role=role)
            for order, (organisation, role) in enumerate(extracted or [])
        ]
        obj.save()


class PlaceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PlaceIndexPage

    title = "Places"
    slug = "places"


class PlacePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PlacePage

    place = factory.SubFactory(PlaceFactory)
    title = factory.SelfAttribute("place.name")
