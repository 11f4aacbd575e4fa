import datetime as dt

import factory
import wagtail_factories

from home.demo.meetings import load_meetings
from home.demo.network import Network
from home.models import HomePage
from meetings.models import AgendaItem, EventIndexPage, EventOrganiser, EventPage
from tests.practices.factories import PlaceFactory


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"


class EventPageFactory(wagtail_factories.PageFactory):
    """An all-day event in Vienna's time zone, unless told otherwise.

    `organisers=[(organisation, role), …]` and `agenda=[{"title": …, "speakers": […]}, …]`
    fill the inline relations in that order.
    """

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Event {n}")
    summary = factory.Faker("sentence")
    start_date = factory.Sequence(lambda n: dt.date(2030, 1, 1) + dt.timedelta(days=n))
    venue = "City Hall"
    place = factory.SubFactory(PlaceFactory)

    @factory.post_generation
    def organisers(obj, create, extracted, **kwargs):
        obj.organiser_links = [
            EventOrganiser(sort_order=order, organisation=organisation, role=role)
            for order, (organisation, role) in enumerate(extracted or [])
        ]

    @factory.post_generation
    def agenda(obj, create, extracted, **kwargs):
        """Declared last: saves the page, which stores its inline relations."""
        obj.agenda_items = [
            AgendaItem(sort_order=order, **item) for order, item in enumerate(extracted or [])
        ]
        obj.save()


def load_seed_events() -> dict:
    """The seed's events of the demo site (built once per run, see tests/conftest.py)."""
    home = HomePage.objects.get(locale__language_code="en")
    return load_meetings(home, Network(home.locale))
