"""The resources the seed report names: its own report, the guidelines, two legal instruments,
a study and a hotline.

Written from the seed report only. Where it is silent (a year, an issuer, a link, a file), the
field stays empty; no document is attached, because the seed provides none.
"""

from resources.models import GuidelinePage, ResourceIndexPage, ResourcePage

from .blocks import section, text
from .network import Network
from .practices import publish_child
from .report import REPORT, build_report

Kind = ResourcePage.Kind

RESOURCE_INDEX = {
    "title": "Resources",
    "slug": "resources",
    "summary": (
        "Reports, guidelines, legal instruments, studies and hotlines for cities and their "
        "partners working against trafficking in human beings."
    ),
}


# slug: the fields of a resource without a structure of its own.
RESOURCES = {
    "palermo-protocol": {
        "title": (
            "UN Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women "
            "and Children (“Palermo Protocol”)"
        ),
        "kind": Kind.LEGAL_INSTRUMENT,
        "issuing_body": "united-nations",
        "year": None,
        "themes": [],
        "summary": (
            "Named at the round table of 2017 as one of the main legal instruments in the fight "
            "against trafficking in human beings at European level."
        ),
        "body": [
            text(
                "<p>At the round table of 24 November 2017 in Vienna, Helga Konrad (Regional "
                "Implementation Initiative) named the UN Protocol to Prevent, Suppress and Punish "
                "Trafficking in Persons, especially Women and Children (“Palermo Protocol”) and "
                "Directive 2011/36/EU of the European Parliament and of the Council as the main "
                "legal instruments in the fight against trafficking in human beings at European "
                "level.</p>"
                "<p>Additionally, every country has its own national legislation on human "
                "trafficking and migration, but most of them share difficulties in implementing "
                "these measures.</p>"
            )
        ],
    },
    "directive-2011-36-eu": {
        "title": (
            "Directive 2011/36/EU of the European Parliament and of the Council on preventing and "
            "combating trafficking in human beings and protecting its victims"
        ),
        "kind": Kind.LEGAL_INSTRUMENT,
        "issuing_body": "european-union",
        "year": 2011,
        "themes": ["victim-assistance"],
        "summary": (
            "Named at the round table of 2017 as one of the main legal instruments in the fight "
            "against trafficking in human beings at European level."
        ),
        "body": [
            text(
                "<p>At the round table of 24 November 2017 in Vienna, Helga Konrad (Regional "
                "Implementation Initiative) named Directive 2011/36/EU of the European Parliament "
                "and of the Council and the UN Protocol to Prevent, Suppress and Punish "
                "Trafficking in Persons, especially Women and Children (“Palermo Protocol”) as the "
                "main legal instruments in the fight against trafficking in human beings at "
                "European level.</p>"
                "<p>Additionally, every country has its own national legislation on human "
                "trafficking and migration, but most of them share difficulties in implementing "
                "these measures.</p>"
            )
        ],
    },
    "trafficking-along-migration-routes-tram": {
        "title": "Trafficking Along Migration Routes (TRAM)",
        "kind": Kind.STUDY,
        "issuing_body": "icmpd",
        "year": None,
        "themes": ["victim-assistance", "child-protection", "training-of-frontline-staff"],
        "summary": (
            "Research by ICMPD on trafficking and exploitation along migration routes in eight "
            "countries. Its preliminary findings were presented at the round table of 2017."
        ),
        "body": [
            text(
                "<p>Enrico Ragaglia (International Centre for Migration Policy Development, "
                "ICMPD) presented preliminary findings of this research at the round table of "
                "24 November 2017 in Vienna.</p>"
            ),
            section(
                "Focus",
                "<p>The research focuses on eight countries: Greece, Bulgaria, FYR Macedonia, "
                "Serbia, Austria, Germany, Sweden and Finland. It aims at understanding:</p>"
                "<ol><li>the risks of exploitation and trafficking for vulnerable migrants or "
                "refugees (including unaccompanied and separated children);</li>"
                "<li>the gaps and training needs of frontline responders, to allow them to "
                "identify trafficking cases and respond;</li>"
                "<li>gaps, needs and good practices in protecting and rehabilitating trafficked "
                "people.</li></ol>",
            ),
            section(
                "Preliminary findings",
                "<p>The research findings reiterated that:</p>"
                "<ul><li>a link exists between the migrant crisis and trafficking and "
                "exploitation in Europe;</li>"
                "<li>asylum and migration officers often don't see themselves as responsible for "
                "identifying trafficking cases;</li>"
                "<li>more restrictive migration policies make migrants even more exposed to "
                "trafficking and exploitation;</li>"
                "<li>children trafficking seems to follow the trends of trafficking of adults."
                "</li></ul>"
                "<p>Moreover, the research confirmed that the majority of victims in Europe come "
                "from two countries of the Danube Region: Romania and Bulgaria.</p>",
            ),
        ],
    },
    "european-hotline-for-missing-children": {
        "title": "European hotline for missing children",
        "kind": Kind.HOTLINE,
        "issuing_body": None,
        "year": None,
        "themes": ["child-protection"],
        "summary": (
            "A hotline for missing children that, as was said at the round table of 2017, is "
            "often underestimated and could be much more advertised."
        ),
        "body": [
            text(
                "<p>At the round table of 24 November 2017 in Vienna, Marc van der Reek (The Smile "
                "of the Child) stressed that hotlines are important and often underestimated, "
                "like the European hotline for missing children, which could be much more "
                "advertised.</p>"
                "<p>According to Europol, over 10,000 children disappeared in 2015. Even if they "
                "are not all victims of trafficking, the figure shows that children's protection "
                "needs to improve. Local civil servants must be trained and have enough autonomy "
                "to be able to intervene in the first 24 hours, thus increasing the chances to "
                "find the missing child again.</p>"
            )
        ],
    },
}

GUIDELINES = {
    "title": "Guidelines for Municipalities",
    "slug": "guidelines-for-municipalities",
    "summary": (
        "Guidelines for municipalities of the Danube Region, published by Priority Area 10 of the "
        "EU Strategy for the Danube Region to support local actors, based on the guidelines for "
        "the Baltic Sea Region."
    ),
    "chapters": [
        {
            "type": "chapter",
            "value": {
                "heading": "About the guidelines",
                "text": (
                    "<p>In order to contribute to the support of local actors in the fight "
                    "against trafficking in human beings, Priority Area 10 “Institutional "
                    "Capacity and Cooperation” of the EU Strategy for the Danube Region (EUSDR) "
                    "published the “Guidelines for Municipalities” for the Danube Region. They "
                    "are based on the guidelines for the Baltic Sea Region.</p>"
                ),
            },
        }
    ],
}


def load_resources(home, network: Network) -> dict:
    """Create the resource index and the seed's resources under `home`, where missing."""
    locale = home.locale
    index = publish_child(
        home, ResourceIndexPage(locale=locale, show_in_menus=True, **RESOURCE_INDEX)
    )
    pages = {}
    for slug, data in RESOURCES.items():
        page = ResourcePage(
            locale=locale,
            slug=slug,
            title=data["title"],
            kind=data["kind"],
            issuing_body=network.organisations.get(data["issuing_body"]),
            year=data["year"],
            summary=data["summary"],
            body=data["body"],
        )
        page.themes = [network.themes[key] for key in data["themes"]]
        pages[slug] = publish_child(index, page)

    guidelines = GuidelinePage(
        locale=locale, issuing_body=network.organisations["pa10"], **GUIDELINES
    )
    pages["guidelines"] = guidelines = publish_child(index, guidelines)

    report = index.get_children().filter(slug=REPORT["slug"]).first()
    if report is None:
        report = publish_child(index, build_report(home, network, pages))
    return {"index": index, "report": report.specific, "guidelines": guidelines}
