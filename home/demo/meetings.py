"""The events index and the round table of 24 November 2017 in Vienna, from the seed report.

The report gives the day, the venue, the organisers and the order of the contributions, but no
time of day: the event is an all-day event and its agenda items have no times. Each item's
title says only what the report says of that contribution.
"""

import datetime as dt

from meetings.models import AgendaItem, EventIndexPage, EventOrganiser, EventPage

from .network import Network
from .practices import practices_by_slug, publish_child

EVENT_INDEX = {
    "title": "Events",
    "slug": "events",
    "summary": "Round tables and meetings of the Danube Cities against Human Trafficking network.",
}

ROUND_TABLE = {
    "title": (
        "Round Table on Preventing & Combating Human Trafficking and Exploitation at Local Level"
    ),
    "slug": "round-table-vienna-2017",
    "summary": (
        "Priority Area 10 “Institutional Capacity and Cooperation” and the City of Vienna, in "
        "cooperation with the Regional Implementation Initiative, gathered over thirty "
        "representatives from cities, civil society, international organisations and research "
        "to discuss needs and opportunities for local cooperation."
    ),
    "start_date": dt.date(2017, 11, 24),
    "time_zone": "Europe/Vienna",
    "venue": "Vienna City Hall",
    "registration_closed": True,
    "body": (
        "<p>Trafficking in human beings (THB) is a complex phenomenon that requires specific "
        "capacities and resources for detection, combatting and preventing. Local actors – be it "
        "public authorities, non-governmental organisations or citizens – have a crucial role in "
        "this issue, as they are often closest to both victims and traffickers. Although cities "
        "and municipalities offer a variety of possibilities for effectively counteracting human "
        "trafficking, local actors tend to lack capacities, resources or know-how in order to "
        "initiate activities. Additionally, stakeholders need a transnational approach in order "
        "to effectively tackle the international dynamics of trafficking in human beings.</p>"
        "<p>In particular, the Danube Region encompasses regions that face both the recruitment "
        "– with a high share of victims recruited from Romania and Bulgaria – and exploitation "
        "of victims of human trafficking. Against this background, Priority Area 10 "
        "“Institutional Capacity and Cooperation” of the EU Strategy for the Danube Region is "
        "working towards a thematic networking initiative – the Danube Cities Against Human "
        "Trafficking (D-CAHT) initiative – which shall address in particular cities, towns, "
        "relevant NGOs, experts and local institutions in order to enhance capacity-building and "
        "know-how transfer on this genuinely transnational and transversal issue.</p>"
        "<p>Priority Area 10 “Institutional Capacity and Cooperation”/City of Vienna organised in "
        "cooperation with the Regional Implementation Initiative the Round Table on “Preventing "
        "&amp; Combating Human Trafficking and Exploitation at Local Level” in Vienna on 24 "
        "November 2017. The seminar gathered over thirty representatives from cities, civil "
        "society, international organisations and research to discuss needs and opportunities "
        "for local cooperation.</p>"
    ),
}

# (organisation key, role), in the report's order.
ORGANISERS = [
    ("pa10", EventOrganiser.Role.ORGANISER),
    ("city-of-vienna", EventOrganiser.Role.ORGANISER),
    ("rii", EventOrganiser.Role.PARTNER),
]

# (title, speaker keys, the slug of the good practice presented or None), in the report's
# order; the report gives no times.
AGENDA = [
    ("Opening speech", ["claudia-singer"], None),
    (
        "Introduction to preventing & combating human trafficking and exploitation at local level",
        ["helga-konrad"],
        None,
    ),
    (
        "The importance of involving local actors in the fight against trafficking in human beings",
        ["mike-dottridge"],
        None,
    ),
    (
        "Preliminary findings of the research conducted by ICMPD: “Trafficking Along Migration "
        "Routes (TRAM)”",
        ["enrico-ragaglia"],
        None,
    ),
    (
        "Trafficking and exploitation: the role of local actors in the detection of victims",
        ["stefano-volpicelli"],
        None,
    ),
    (
        "Good practice: Vienna – local GRETA Working Group for coordination of local actors",
        ["shams-asadi", "evelyn-probst"],
        "vienna-local-greta-working-group",
    ),
    (
        "Good practice: Ljubljana – Memorandum of Cooperation between civil society and law "
        "enforcement",
        ["polona-kovac"],
        "ljubljana-memorandum-of-cooperation",
    ),
    (
        "Good practice: Barcelona – Assistance to victims of human trafficking",
        ["veronica-asensio-capote", "gemma-uix"],
        "barcelona-assistance-to-victims",
    ),
    (
        "Good practice: Russian Federation – Raising awareness to engage law enforcement",
        ["vera-gracheva"],
        "moscow-raising-awareness-to-engage-law-enforcement",
    ),
    ("The issue of child trafficking", ["marc-van-der-reek"], None),
]


def load_meetings(home, network: Network, report=None) -> dict:
    """Create the events index and the round table where missing; link `report` if given."""
    locale = home.locale
    index = publish_child(home, EventIndexPage(locale=locale, show_in_menus=True, **EVENT_INDEX))
    round_table = index.get_children().filter(slug=ROUND_TABLE["slug"]).first()
    if round_table is None:
        page = EventPage(locale=locale, place=network.places["vienna"], **ROUND_TABLE)
        page.organiser_links = [
            EventOrganiser(sort_order=order, organisation=network.organisations[key], role=role)
            for order, (key, role) in enumerate(ORGANISERS)
        ]
        practices = practices_by_slug(locale, [slug for _title, _speakers, slug in AGENDA if slug])
        page.agenda_items = [
            AgendaItem(
                sort_order=order,
                title=title,
                speakers=[network.people[key] for key in speakers],
                practice=practices.get(slug),
            )
            for order, (title, speakers, slug) in enumerate(AGENDA)
        ]
        page.report = report
        round_table = publish_child(index, page)
    else:
        round_table = round_table.specific
        if report is not None and round_table.report_id is None:
            round_table.report = report
            round_table.save_revision().publish()
    return {"index": index, "round_table": round_table}
