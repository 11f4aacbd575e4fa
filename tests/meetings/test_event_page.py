import datetime as dt
from http import HTTPStatus
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import TestCase

from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail_localize.models import StringSegment, TranslationSource

import icalendar

from home.demo.meetings import load_meetings
from home.demo.network import Network
from home.models import HomePage
from meetings.models import AgendaItem, EventIndexPage, EventOrganiser, EventPage
from practices.models import GoodPracticePage
from tests.home.factories import make_site
from tests.meetings.factories import EventIndexPageFactory, EventPageFactory, load_seed_events
from tests.practices.factories import OrganisationFactory, PersonFactory, PlaceFactory

SEED_PRACTICES = [
    "vienna-local-greta-working-group",
    "ljubljana-memorandum-of-cooperation",
    "barcelona-assistance-to-victims",
    "moscow-raising-awareness-to-engage-law-enforcement",
]
SEED_AGENDA = [
    ("Opening speech", ["Claudia Singer"]),
    (
        "Introduction to preventing &amp; combating human trafficking and exploitation at "
        "local level",
        ["Helga Konrad"],
    ),
    (
        "The importance of involving local actors in the fight against trafficking in human beings",
        ["Mike Dottridge"],
    ),
    (
        "Preliminary findings of the research conducted by ICMPD: “Trafficking Along Migration "
        "Routes (TRAM)”",
        ["Enrico Ragaglia"],
    ),
    (
        "Trafficking and exploitation: the role of local actors in the detection of victims",
        ["Stefano Volpicelli"],
    ),
    (
        "Good practice: Vienna – local GRETA Working Group for coordination of local actors",
        ["Shams Asadi", "Evelyn Probst"],
    ),
    (
        "Good practice: Ljubljana – Memorandum of Cooperation between civil society and law "
        "enforcement",
        ["Polona Kovač"],
    ),
    (
        "Good practice: Barcelona – Assistance to victims of human trafficking",
        ["Veronica Asensio Capote", "Gemma Uix"],
    ),
    (
        "Good practice: Russian Federation – Raising awareness to engage law enforcement",
        ["Vera Gracheva"],
    ),
    ("The issue of child trafficking", ["Marc van der Reek"]),
]
ROUND_TABLE_URL = "/en/events/round-table-vienna-2017/"


def parse_calendar(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


class PageTreeRulesTests(WagtailPageTestCase):
    def test_events_live_under_an_event_index(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})

    def test_the_event_index_belongs_under_the_home_page(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, EventIndexPage)


class SeedRoundTableTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.round_table = load_seed_events()["round_table"]

    def test_shows_date_venue_place_organisers_and_registration(self):
        response = self.client.get(ROUND_TABLE_URL)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, '<time datetime="2017-11-24">Nov. 24, 2017</time>', html=True)
        for text in [
            "Round Table on Preventing &amp; Combating Human Trafficking and Exploitation",
            "Vienna City Hall",
            "Vienna, Austria",
            "EUSDR Priority Area 10 “Institutional Capacity and Cooperation”",
            "City of Vienna",
            "In cooperation with",
            "Regional Implementation Initiative",
            "Registration is closed.",
            "over thirty representatives",
        ]:
            self.assertContains(response, text)

    def test_shows_the_agenda_in_the_seeds_order_with_speakers_and_organisations(self):
        response = self.client.get(ROUND_TABLE_URL)

        html = response.content.decode()
        positions = [
            html.index(f'<h3 class="agenda__title">{title}</h3>') for title, _ in SEED_AGENDA
        ]
        self.assertEqual(positions, sorted(positions))
        agenda = response.context["agenda"]
        self.assertEqual(
            [{speaker["person"].name for speaker in entry["speakers"]} for entry in agenda],
            [set(names) for _title, names in SEED_AGENDA],
        )
        for text in [
            'Enrico Ragaglia <span class="muted">(International Centre for Migration Policy '
            "Development (ICMPD))</span>",
            "Mike Dottridge, Independent Anti-Trafficking Expert and Consultant",
            'Polona Kovač <span class="muted">(Society Ključ',
            'Marc van der Reek, Ambassador (hon.) <span class="muted">(The Smile of the Child)',
        ]:
            self.assertContains(response, text)

    def test_each_good_practice_presented_links_to_its_page_in_the_readers_language(self):
        for language in ["en", "sl"]:
            with self.subTest(language=language):
                response = self.client.get(ROUND_TABLE_URL.replace("/en/", f"/{language}/"))

                linked = [entry["practice"] for entry in response.context["agenda"]]
                self.assertEqual(
                    [practice.slug if practice else None for practice in linked],
                    [None] * 5 + SEED_PRACTICES + [None],
                )
                for practice in filter(None, linked):
                    self.assertEqual(practice.locale.language_code, language)
                    self.assertContains(
                        response, f'<a href="/{language}/practices/{practice.slug}/">', html=False
                    )

    def test_an_unpublished_practice_is_not_linked(self):
        barcelona = GoodPracticePage.objects.get(
            slug="barcelona-assistance-to-victims", locale__language_code="en"
        )
        barcelona.unpublish()

        response = self.client.get(ROUND_TABLE_URL)

        self.assertNotContains(response, "/en/practices/barcelona-assistance-to-victims/")
        self.assertContains(response, "/en/practices/vienna-local-greta-working-group/")

    def test_the_seed_gives_no_time_of_day(self):
        self.assertIsNone(self.round_table.start_time)
        self.assertIsNone(self.round_table.start)
        self.assertTrue(self.round_table.is_all_day)
        self.assertFalse(AgendaItem.objects.exclude(time=None).exists())

    def test_links_its_icalendar_file(self):
        response = self.client.get(ROUND_TABLE_URL)

        self.assertContains(response, f'href="{ROUND_TABLE_URL}ical/"')

    def test_icalendar_file_is_an_all_day_event_at_vienna_city_hall(self):
        response = self.client.get(f"{ROUND_TABLE_URL}ical/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        self.assertEqual(
            response["Content-Disposition"], 'attachment; filename="round-table-vienna-2017.ics"'
        )
        calendar = parse_calendar(response)
        self.assertEqual(calendar["VERSION"], "2.0")
        self.assertIn("Danube Cities Knowledge Hub", calendar["PRODID"])
        [event] = calendar.events
        self.assertEqual(event.start, dt.date(2017, 11, 24))
        self.assertNotIsInstance(event.start, dt.datetime)
        self.assertEqual(event.end, dt.date(2017, 11, 25))  # DTEND is exclusive.
        self.assertIn("Vienna City Hall", event["LOCATION"])
        self.assertIn("Austria", event["LOCATION"])
        self.assertEqual(event["UID"], f"{self.round_table.translation_key}@dcaht")
        self.assertEqual(event["URL"], f"http://localhost{ROUND_TABLE_URL}")
        self.assertTrue(event["SUMMARY"].startswith("Round Table on Preventing"))
        self.assertIn("DTSTAMP", event)
        self.assertEqual(calendar.timezones, [])

    def test_every_language_has_the_event_with_the_same_uid(self):
        english = parse_calendar(self.client.get(f"{ROUND_TABLE_URL}ical/"))
        response = self.client.get("/de/events/round-table-vienna-2017/ical/")

        [event] = parse_calendar(response).events
        self.assertEqual(event["UID"], english.events[0]["UID"])
        self.assertEqual(event["URL"], "http://localhost/de/events/round-table-vienna-2017/")

    def test_previews_with_its_agenda(self):
        self.assertPageIsPreviewable(self.round_table)
        self.assertPageIsPreviewable(self.round_table.get_parent().specific)

    def test_renders_in_every_language(self):
        for page in EventPage.objects.all():
            with self.subTest(page=page.url):
                self.assertPageIsRenderable(page)

    def test_loading_again_changes_nothing(self):
        pages_before = EventPage.objects.count()
        items_before = AgendaItem.objects.count()

        load_seed_events()

        self.assertEqual(EventPage.objects.count(), pages_before)
        self.assertEqual(AgendaItem.objects.count(), items_before)


class ReportLinkTests(TestCase):
    """The demo links the round table to the report it is given; the page links it if live."""

    @classmethod
    def setUpTestData(cls):
        cls.home = make_site()
        cls.network = Network(cls.home.locale)
        cls.report = cls.home.add_child(instance=Page(title="Report", slug="report"))

    def test_demo_links_the_report_it_is_given(self):
        without = load_meetings(self.home, self.network)["round_table"]
        self.assertIsNone(without.report)

        linked = load_meetings(self.home, self.network, report=self.report)["round_table"]

        self.assertEqual(linked.pk, without.pk)
        self.assertEqual(EventPage.objects.get(pk=linked.pk).report_id, self.report.pk)
        response = self.client.get(ROUND_TABLE_URL)
        self.assertContains(
            response, '<a href="/en/report/">Read the report of this event</a>', html=True
        )

    def test_an_unpublished_report_is_not_linked(self):
        load_meetings(self.home, self.network, report=self.report)
        self.report.unpublish()

        response = self.client.get(ROUND_TABLE_URL)

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertNotContains(response, "Read the report of this event")


class TimedEventTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = EventIndexPageFactory(parent=make_site())
        cls.event = EventPageFactory(
            parent=cls.index,
            slug="workshop",
            start_date=dt.date(2030, 3, 29),
            start_time=dt.time(9, 30),
            end_time=dt.time(17, 0),
            time_zone="America/New_York",
        )

    def test_start_and_end_are_aware_in_the_venues_time_zone(self):
        zone = ZoneInfo("America/New_York")

        self.assertEqual(self.event.start, dt.datetime(2030, 3, 29, 9, 30, tzinfo=zone))
        self.assertEqual(self.event.end, dt.datetime(2030, 3, 29, 17, 0, tzinfo=zone))

    def test_icalendar_file_has_tzid_and_its_vtimezone(self):
        response = self.client.get("/en/events/workshop/ical/")

        calendar = parse_calendar(response)
        [event] = calendar.events
        self.assertEqual(event["DTSTART"].params["TZID"], "America/New_York")
        self.assertEqual(event["DTEND"].params["TZID"], "America/New_York")
        self.assertEqual(event.start.replace(tzinfo=None), dt.datetime(2030, 3, 29, 9, 30))
        self.assertEqual(event.start.utcoffset(), dt.timedelta(hours=-4))
        self.assertEqual([zone.tz_name for zone in calendar.timezones], ["America/New_York"])
        self.assertEqual(calendar.get_missing_tzids(), set())

    def test_page_shows_the_local_time_and_its_zone(self):
        response = self.client.get("/en/events/workshop/")

        self.assertContains(response, '<time datetime="2030-03-29T09:30:00-04:00">')
        self.assertContains(response, "9:30 a.m.")
        self.assertContains(response, "(America/New_York time)")

    def test_without_an_end_time_there_is_no_dtend(self):
        EventPageFactory(
            parent=self.index, slug="talk", start_date=dt.date(2030, 4, 2), start_time=dt.time(18)
        )

        [event] = parse_calendar(self.client.get("/en/events/talk/ical/")).events

        self.assertNotIn("DTEND", event)
        self.assertEqual(event["DTSTART"].params["TZID"], "Europe/Vienna")

    def test_a_multi_day_event_without_times_ends_the_day_after_its_last_day(self):
        EventPageFactory(
            parent=self.index,
            slug="conference",
            start_date=dt.date(2030, 4, 28),
            end_date=dt.date(2030, 4, 30),
        )

        [event] = parse_calendar(self.client.get("/en/events/conference/ical/")).events

        self.assertEqual((event.start, event.end), (dt.date(2030, 4, 28), dt.date(2030, 5, 1)))


class EventValidationTests(TestCase):
    def errors(self, **fields) -> dict:
        event = EventPage(title="Event", slug="event", start_date=dt.date(2030, 5, 10), **fields)
        try:
            event.full_clean(exclude=["path", "depth"])  # Set when the page joins the tree.
        except ValidationError as error:
            return error.message_dict
        return {}

    def test_a_day_alone_is_valid(self):
        self.assertEqual(self.errors(), {})

    def test_times_in_a_known_time_zone_are_valid(self):
        self.assertEqual(
            self.errors(start_time=dt.time(9), end_time=dt.time(12), time_zone="Asia/Tokyo"), {}
        )

    def test_unknown_time_zone(self):
        self.assertIn("time_zone", self.errors(time_zone="Mars/Olympus_Mons"))

    def test_end_before_start(self):
        self.assertIn("end_date", self.errors(end_date=dt.date(2030, 5, 9)))
        self.assertIn("end_time", self.errors(start_time=dt.time(12), end_time=dt.time(9)))

    def test_end_time_without_start_time(self):
        self.assertIn("end_time", self.errors(end_time=dt.time(12)))

    def test_several_days_with_a_start_time_need_an_end_time(self):
        self.assertIn("end_time", self.errors(end_date=dt.date(2030, 5, 11), start_time=dt.time(9)))
        self.assertEqual(
            self.errors(end_date=dt.date(2030, 5, 11), start_time=dt.time(9), end_time=dt.time(8)),
            {},
        )

    def test_closed_registration_has_no_address(self):
        self.assertEqual(self.errors(registration_closed=True), {})
        self.assertEqual(self.errors(registration_url="https://example.org/register"), {})
        self.assertIn(
            "registration_url",
            self.errors(registration_closed=True, registration_url="https://example.org/r"),
        )


class EventAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = EventIndexPageFactory(parent=make_site())
        cls.organisation = OrganisationFactory()
        cls.speakers = PersonFactory.create_batch(2)
        cls.place = PlaceFactory()

    def setUp(self):
        self.client.force_login(
            get_user_model().objects.create_superuser("editor", "editor@example.org", "x")
        )

    def test_editors_create_an_event_with_organisers_and_an_agenda_with_speakers(self):
        data = nested_form_data(
            {
                "title": "Workshop on referral systems",
                "slug": "workshop-on-referral-systems",
                "summary": "",
                "start_date": "2030-05-10",
                "start_time": "09:30",
                "end_date": "",
                "end_time": "12:00",
                "time_zone": "Europe/Ljubljana",
                "venue": "Town Hall",
                "place": self.place.pk,
                "registration_url": "https://example.org/register",
                "report": "",
                "body": rich_text("<p>Local referral systems.</p>"),
                "organiser_links": inline_formset(
                    [{"organisation": self.organisation.pk, "role": "organiser"}]
                ),
                "agenda_items": inline_formset([{"time": "09:30", "title": "Welcome"}]),
                "comments": inline_formset([]),
            }
        )
        data["agenda_items-0-speakers"] = [person.pk for person in self.speakers]

        self.assertCanCreate(self.index, EventPage, data)

        event = EventPage.objects.get(
            slug="workshop-on-referral-systems", locale__language_code="en"
        )
        self.assertEqual(event.time_zone, "Europe/Ljubljana")
        self.assertEqual(
            list(event.organiser_links.values_list("organisation", "role")),
            [(self.organisation.pk, EventOrganiser.Role.ORGANISER)],
        )
        [item] = event.agenda_items.all()
        self.assertEqual((item.time, item.title), (dt.time(9, 30), "Welcome"))
        self.assertEqual(set(item.speakers.all()), set(self.speakers))
        self.assertEqual(item.locale, event.locale)

    def test_edit_form_renders(self):
        event = EventPageFactory(parent=self.index, agenda=[{"title": "Welcome"}])

        response = self.client.get(f"/admin/pages/{event.pk}/edit/")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, '<option value="Europe/Vienna" selected>', html=False)
        self.assertContains(response, '<option value="Asia/Tokyo">', html=False)


class EventTranslationTests(TestCase):
    """wagtail-localize translates the agenda's titles and keeps its times and speakers."""

    @classmethod
    def setUpTestData(cls):
        cls.index = EventIndexPageFactory(parent=make_site())
        cls.german = Locale.objects.get(language_code="de")
        cls.speaker = PersonFactory()
        cls.event = EventPageFactory(
            parent=cls.index,
            venue="Vienna City Hall",
            agenda=[{"time": dt.time(9), "title": "Opening speech", "speakers": [cls.speaker]}],
        )
        cls.index.copy_for_translation(cls.german, copy_parents=True).save_revision().publish()

    def test_titles_and_venue_are_segments_times_and_speakers_are_synchronised(self):
        source, _created = TranslationSource.get_or_create_from_instance(self.event)

        strings = set(
            StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
        )
        self.assertLessEqual({"Opening speech", "Vienna City Hall", self.event.title}, strings)

        with self.captureOnCommitCallbacks(execute=True):  # It publishes on commit.
            source.create_or_update_translation(self.german, fallback=True)

        translation = self.event.get_translation(self.german)
        [item] = translation.agenda_items.all()
        self.assertEqual(item.locale, self.german)
        self.assertEqual(item.title, "Opening speech")
        self.assertEqual(item.time, dt.time(9))
        self.assertEqual(list(item.speakers.all()), [self.speaker])
        self.assertEqual(translation.start_date, self.event.start_date)
        self.assertEqual(translation.place_id, self.event.place_id)
        response = self.client.get(translation.url)
        self.assertContains(response, "Opening speech")
        self.assertContains(response, self.speaker.name)
