"""The four good practices presented at the round table of 2017, and their places.

Written from the seed report only: where it is silent (start year, status, budget …), the field
stays empty.
"""

import uuid

from wagtail.fields import StreamField

from practices.models import (
    GoodPracticePage,
    PlaceIndexPage,
    PlacePage,
    PracticeIndexPage,
    PracticeOrganisation,
)

from .network import Network


def section(kind: str, html: str) -> dict:
    return {"type": kind, "value": {"heading": "", "text": html}}


PRACTICE_INDEX = {
    "title": "Good practices",
    "slug": "practices",
    "summary": (
        "What cities and their partners did against trafficking in human beings and "
        "exploitation, and what another city needs to do the same."
    ),
}

PLACE_INDEX = {
    "title": "Places",
    "slug": "places",
    "summary": "The cities whose practices the network shares.",
}

# slug: title, summary, introduction
PLACE_PAGES = {
    "vienna": (
        "Vienna",
        "Human rights city since 2014; host of the D-CAHT round table of 24 November 2017.",
        "<p>In 2014, the city council of Vienna endorsed the human rights city declaration and "
        "thereby committed to prioritise and strengthen aspects of human rights in urban "
        "policies. The round table of the Danube Cities against Human Trafficking initiative "
        "met at Vienna City Hall on 24 November 2017.</p>",
    ),
    "ljubljana": (
        "Ljubljana",
        "Civil society has a central role in service provision for victims of trafficking.",
        "<p>In Ljubljana, civil society has a central role in service provision for victims of "
        "trafficking in human beings.</p>",
    ),
    "barcelona": (
        "Barcelona",
        "Assistance and health care for victims of human trafficking.",
        "<p>Barcelona addressed the issue of assistance and health care for victims of human "
        "trafficking within a project.</p>",
    ),
    "moscow": (
        "Moscow",
        "A volunteers' movement assisting victims and raising awareness in the media.",
        "<p>In Moscow, the Volunteers' Movement Alternative assists victims of trafficking in "
        "human beings and raises awareness of the issue in the media.</p>",
    ),
}

PRACTICES = [
    {
        "slug": "vienna-local-greta-working-group",
        "title": "Vienna – local GRETA working group for coordination of local actors",
        "summary": (
            "Vienna's Human Rights Office established a standing working group, based on the "
            "Council of Europe's expert group against trafficking in human beings (GRETA), that "
            "brings together public administration, civil society and research in Vienna."
        ),
        "places": ["vienna"],
        "organisations": [("human-rights-office-vienna", "lead"), ("lefoe-ibf", "partner")],
        "contacts": ["shams-asadi", "evelyn-probst"],
        "themes": ["stakeholder-coordination"],
        "target_groups": ["civil-servants-and-frontline-staff"],
        "profile": {"lead_agency_kind": "city", "legal_basis": "municipal-decision"},
        "partners_needed": (
            "Representatives of public administration, civil society and research in the city."
        ),
        "body": [
            section(
                "challenge",
                "<p>Experience showed that civil servants often do not realise that trafficking "
                "in human beings takes place in cities like Vienna. Potential victims' cases are "
                "dealt with at the federal level, but the city acknowledged the trend that many "
                "victims will be trafficked to the capital.</p>",
            ),
            section(
                "what_was_done",
                "<p>In 2014, the city council of Vienna endorsed the human rights city "
                "declaration and thereby committed to prioritise and strengthen aspects of human "
                "rights in urban policies. In 2015, Vienna established a human rights office that "
                "raises awareness on human rights issues in city policies and coordinates human "
                "rights initiatives within the city.</p>"
                "<p>In this function, the Human Rights Office established a standing working "
                "group based on the expert group of the Council of Europe against trafficking in "
                "human beings (GRETA). It includes representatives from public administration, "
                "civil society and research in Vienna.</p>",
            ),
            section(
                "who_is_involved",
                "<p>The Human Rights Office of the City of Vienna, which set up and runs the "
                "working group, and its members from public administration, civil society and "
                "research, among them LEFÖ-ibf.</p>",
            ),
            section(
                "lessons_learned",
                "<ul><li>Shams Asadi (Human Rights Office, Vienna) stresses the importance of "
                "advocating the issue in cities, as experience showed that civil servants often "
                "do not realise that trafficking in human beings takes place in cities like "
                "Vienna.</li>"
                "<li>Evelyn Probst (LEFÖ-ibf), member of the standing working group, underlines "
                "the human rights perspective on trafficking in human beings.</li>"
                "<li>The working group is a good example of cooperation among different "
                "administrative levels: even though potential victims' cases are dealt with at "
                "the federal level, Vienna has been making greater efforts to offer support.</li>"
                "</ul>",
            ),
        ],
    },
    {
        "slug": "ljubljana-memorandum-of-cooperation",
        "title": (
            "Ljubljana – Memorandum of Cooperation between civil society and law enforcement"
        ),
        "summary": (
            "Society Ključ, which provides shelter and reintegration programmes to victims of "
            "trafficking, works with the police under a Memorandum of Cooperation: specially "
            "trained police contact persons are notified when trafficking is observed, and "
            "investigators follow up."
        ),
        "places": ["ljubljana"],
        "organisations": [("kljuc", "lead"), ("police-ljubljana", "partner")],
        "contacts": ["polona-kovac"],
        "themes": ["cooperation-with-law-enforcement", "victim-assistance"],
        "target_groups": ["victims-of-trafficking"],
        "profile": {"lead_agency_kind": "ngo", "legal_basis": "agreement"},
        "partners_needed": (
            "The police, with nominated contact persons who have special training on detecting "
            "and fighting trafficking in human beings."
        ),
        "body": [
            section(
                "who_is_involved",
                "<p>In Ljubljana, civil society has a central role in service provision for "
                "victims of trafficking in human beings. Organisations such as the Society Ključ "
                "– Centre for Fight Against Trafficking in Human Beings provide shelter and "
                "reintegration programmes to victims.</p>",
            ),
            section(
                "what_was_done",
                "<p>Society Ključ works together with law enforcement, confirmed through a "
                "Memorandum of Cooperation. Polona Kovač (Society Ključ) described how the "
                "organisation cooperates with the local police:</p>"
                "<ul><li>The police nominated contact persons, who have special training on "
                "detecting and fighting trafficking in human beings.</li>"
                "<li>These contact persons can be contacted if criminal activities related to "
                "trafficking in human beings are observed.</li>"
                "<li>Following this notification, investigators carry out investigations and "
                "intervene if deemed necessary.</li></ul>",
            ),
            {
                "type": "results",
                "value": {
                    "heading": "",
                    "figures": [],
                    "note": "<p>The shelter and reintegration programmes for victims show "
                    "encouraging success.</p>",
                },
            },
        ],
    },
    {
        "slug": "barcelona-assistance-to-victims",
        "title": "Barcelona – Assistance to victims of human trafficking",
        "summary": (
            "Barcelona addressed assistance and health care for victims of human trafficking "
            "within a project, stressing comprehensive and constant assistance to victims at all "
            "levels."
        ),
        "places": ["barcelona"],
        "organisations": [("unity-barcelona", "lead")],
        "contacts": ["veronica-asensio-capote", "gemma-uix"],
        "themes": ["victim-assistance", "training-of-frontline-staff"],
        "target_groups": ["victims-of-trafficking"],
        "profile": {"lead_agency_kind": "city"},
        "partners_needed": "Public authorities and further service providers.",
        "body": [
            section(
                "what_was_done",
                "<p>Barcelona addressed the issue of assistance and health care for victims of "
                "human trafficking within a project. Veronica Asensio Capote and Gemma Uix "
                "(Unity Against Human Trafficking, Barcelona) emphasise the importance of "
                "comprehensive and constant assistance to victims at all levels.</p>",
            ),
            section(
                "challenge",
                "<p>In Spain, cities have to deal with different police bodies, and cooperation "
                "between cities is often challenging as they have different approaches in "
                "managing trafficking in human beings.</p>",
            ),
            section(
                "transfer",
                "<ul><li>Close cooperation between public authorities and further service "
                "providers.</li><li>Training for civil service.</li><li>Bridging administrative "
                "barriers between cities and other public authorities.</li></ul>",
            ),
        ],
    },
    {
        "slug": "moscow-raising-awareness-to-engage-law-enforcement",
        "title": "Russian Federation – Raising awareness to engage law enforcement",
        "summary": (
            "Where public support for fighting trafficking is widely lacking, the Volunteers' "
            "Movement Alternative in Moscow helps victims leave their exploitative environment "
            "and raises awareness in the media to increase pressure on public authorities."
        ),
        "places": ["moscow"],
        "organisations": [("alternative", "lead")],
        "contacts": ["vera-gracheva"],
        "themes": ["awareness-raising", "victim-assistance", "cooperation-with-law-enforcement"],
        "target_groups": ["victims-of-trafficking"],
        "profile": {"lead_agency_kind": "ngo"},
        "partners_needed": "",
        "body": [
            section(
                "challenge",
                "<p>In the Russian Federation, public support for fighting trafficking in human "
                "beings is widely lacking. Without legislative tools and with no financial "
                "resources, law enforcement pays hardly any attention to the issue.</p>",
            ),
            section(
                "what_was_done",
                "<p>Vera Gracheva (the Volunteers' Movement Alternative, Moscow) works together "
                "with a team of engaged and dedicated people, who founded a movement for "
                "assisting victims of trafficking in human beings. They provide help for victims "
                "to leave their exploitative environment.</p>"
                "<p>Another crucial task is raising awareness for the issue in the media, in "
                "order to increase pressure on public authorities and improve the operating "
                "structures for fighting human trafficking.</p>",
            ),
            {
                "type": "results",
                "value": {
                    "heading": "",
                    "figures": [
                        {
                            "type": "item",
                            "value": {
                                "figure": "almost 500",
                                "label": "victims of trafficking in human beings rescued in "
                                "the six years before 2017",
                            },
                        }
                    ],
                    "note": "",
                },
            },
        ],
    },
]


def with_stable_ids(data, prefix: str):
    """Give every block of raw StreamField data an id derived from its position.

    Wagtail gives new blocks random ids, and wagtail-localize uses them in the contexts of its
    PO files: stable ids let the shipped PO files match the demo pages of every new database.
    """
    if isinstance(data, list):
        return [with_stable_ids(item, f"{prefix}.{index}") for index, item in enumerate(data)]
    if isinstance(data, dict):
        data = {key: with_stable_ids(value, f"{prefix}.{key}") for key, value in data.items()}
        if "type" in data and "value" in data:
            data["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, prefix))
    return data


def publish_child(parent, instance):
    """Add `instance` under `parent` (unless a page with its slug is there) and publish it."""
    existing = parent.get_children().filter(slug=instance.slug).first()
    if existing is not None:
        return existing.specific
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            raw = getattr(instance, field.name).get_prep_value()
            setattr(
                instance, field.name, with_stable_ids(raw, f"dcaht:{instance.slug}:{field.name}")
            )
    page = parent.add_child(instance=instance)
    page.save_revision().publish()
    return page


def practices_by_slug(locale, slugs) -> dict[str, GoodPracticePage]:
    """The demo's practices of `locale` with these slugs, for the pages that link to them."""
    return {
        practice.slug: practice
        for practice in GoodPracticePage.objects.filter(locale=locale, slug__in=slugs)
    }


def load_practices(home, network: Network) -> list[GoodPracticePage]:
    """Build the practice and place pages; return the practices, in the seed's order."""
    locale = home.locale
    practice_index = publish_child(
        home, PracticeIndexPage(locale=locale, show_in_menus=True, **PRACTICE_INDEX)
    )
    place_index = publish_child(
        home, PlaceIndexPage(locale=locale, show_in_menus=True, **PLACE_INDEX)
    )
    for slug, (title, summary, introduction) in PLACE_PAGES.items():
        publish_child(
            place_index,
            PlacePage(
                locale=locale,
                title=title,
                slug=slug,
                summary=summary,
                introduction=introduction,
                place=network.places[slug],
            ),
        )
    practices = []
    for data in PRACTICES:
        existing = practice_index.get_children().filter(slug=data["slug"]).first()
        if existing is not None:
            practices.append(existing.specific)
            continue
        page = GoodPracticePage(
            locale=locale,
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            body=data["body"],
            partners_needed=data["partners_needed"],
            **data["profile"],
        )
        page.places = [network.places[key] for key in data["places"]]
        page.themes = [network.themes[key] for key in data["themes"]]
        page.target_groups = [network.target_groups[key] for key in data["target_groups"]]
        page.contacts = [network.people[key] for key in data["contacts"]]
        page.organisation_links = [
            PracticeOrganisation(
                sort_order=order, organisation=network.organisations[key], role=role
            )
            for order, (key, role) in enumerate(data["organisations"])
        ]
        practices.append(publish_child(practice_index, page))
    return practices
