"""The round-table report of the seed: Vienna, 24 November 2017, its speakers and what they
presented.

Written from the seed report only.
"""

import datetime

from resources.models import ReportContribution, ReportOrganisation, RoundTableReportPage

from .blocks import link, section
from .network import Network
from .practices import practices_by_slug

ROUND_TABLE_DATE = datetime.date(2017, 11, 24)
DCAHT_WEBSITE = "http://www.danube-capacitycooperation.eu/danube-cities-against-human-trafficking"

REPORT_SUMMARY = (
    "Over thirty representatives from cities, civil society, international organisations and "
    "research met at Vienna City Hall on 24 November 2017 to discuss needs and opportunities for "
    "local cooperation against trafficking in human beings and exploitation."
)

REPORT_BODY = [
    section(
        "Summary",
        "<p>Trafficking in human beings (THB) is a complex phenomenon that requires specific "
        "capacities and resources for detection, combatting and preventing. Local actors – be it "
        "public authorities, non-governmental organisations or citizens – have a crucial role in "
        "this issue, as they are often closest to both victims and traffickers. Although cities "
        "and municipalities offer a variety of possibilities for effectively counteracting human "
        "trafficking, local actors tend to lack capacities, resources or know-how in order to "
        "initiate activities. Additionally, stakeholders need a transnational approach in order "
        "to effectively tackle the international dynamics of trafficking in human beings. In "
        "particular, the Danube Region encompasses regions that face both the recruitment – with "
        "a high share of victims recruited from Romania and Bulgaria – and exploitation of "
        "victims of human trafficking. Against this background, Priority Area 10 “Institutional "
        "Capacity and Cooperation” of the EU Strategy for the Danube Region is working towards a "
        "thematic networking initiative – the Danube Cities Against Human Trafficking (D-CAHT) "
        "initiative – which shall address in particular cities, towns, relevant NGOs, experts and "
        "local institutions in order to enhance capacity-building and know-how transfer on this "
        "genuinely transnational and transversal issue.</p>"
        "<p>Priority Area 10 “Institutional Capacity and Cooperation”/City of Vienna organised, in "
        "cooperation with the Regional Implementation Initiative, the Round Table on “Preventing "
        "&amp; Combating Human Trafficking and Exploitation at Local Level” in Vienna on 24 "
        "November 2017. The seminar gathered over thirty representatives from cities, civil "
        "society, international organisations and research to discuss needs and opportunities "
        "for local cooperation.</p>",
    )
]

KEY_MESSAGES = [
    "Local actors – public authorities, non-governmental organisations or citizens – have a "
    "crucial role against trafficking in human beings, as they are often closest to both victims "
    "and traffickers.",
    "Local actors tend to lack capacities, resources or know-how to initiate activities, and "
    "stakeholders need a transnational approach to tackle the international dynamics of "
    "trafficking in human beings.",
    "Local actors must become more aware of their role in the fight against and prevention of "
    "trafficking in human beings.",
    "Local services – social service workers, inspection staff, school staff, local police and "
    "others – need to be trained to notice the “tell-tale” signs of exploitation, and "
    "coordinated in multidisciplinary teams that develop a local referral system.",
    "Assistance and protection should be provided to victims regardless of their collaboration "
    "with the authorities.",
    "Training of civil servants is not enough if they are not motivated: the fight against "
    "human trafficking is about creating trust.",
]

PRACTICE_SLUGS = [
    "vienna-local-greta-working-group",
    "ljubljana-memorandum-of-cooperation",
    "barcelona-assistance-to-victims",
    "moscow-raising-awareness-to-engage-law-enforcement",
]


def contributions(pages: dict) -> list[dict]:
    """Each contribution in the order of the seed report: speakers (keys of the network's
    people), title, summary, and the practice presented (its slug) if any. `pages` holds the
    resources the speakers refer to, to link to them."""
    return [
        {
            "speakers": ["claudia-singer"],
            "title": "Opening speech",
            "summary": (
                "<p>In her opening speech, Claudia Singer emphasised the role of local actors in "
                "the fight against trafficking in human beings. In order to contribute to the "
                "support of local actors, Priority Area 10 of the EU Strategy for the Danube "
                "Region (EUSDR) published the "
                f"{link(pages['guidelines'], '“Guidelines for Municipalities”')} for the Danube "
                "Region, which were based on the guidelines for the Baltic Sea Region.</p>"
            ),
        },
        {
            "speakers": ["helga-konrad"],
            "title": "Preventing and combating human trafficking and exploitation at local level",
            "summary": (
                "<p>Helga Konrad further introduced the issue of preventing and combating human "
                "trafficking and exploitation at local level. Experts studied this issue from "
                "different perspectives and developed helpful instruments for politicians. "
                "However, the problem still does not seem to diminish. Two major reasons have "
                "been identified:</p>"
                "<ol><li>local actors must become more aware of their role in the fight against "
                "and prevention of trafficking in human beings;</li>"
                "<li>policy makers are focused on the migration crisis in Europe and tend to "
                "forget that it is linked to human trafficking.</li></ol>"
                "<p>Additionally, there is a strong focus on security issues, but barely on "
                "victims' rights. At European level, the main legal instruments in the fight "
                "against trafficking in human beings are:</p>"
                "<ul><li>"
                + link(
                    pages["palermo-protocol"],
                    "UN Protocol to Prevent, Suppress and Punish Trafficking in Persons, "
                    "especially Women and Children (“Palermo Protocol”)",
                )
                + ";</li><li>"
                + link(
                    pages["directive-2011-36-eu"],
                    "Directive 2011/36/EU of the European Parliament and of the Council on "
                    "preventing and combating trafficking in human beings and protecting its "
                    "victims",
                )
                + ".</li></ul>"
                "<p>Additionally, every country has its own national legislation on human "
                "trafficking and migration, but most of them share difficulties in implementing "
                "these measures.</p>"
            ),
        },
        {
            "speakers": ["mike-dottridge"],
            "title": "Involving local actors in the fight against trafficking in human beings",
            "summary": (
                "<p>Mike Dottridge underlines the importance of involving local actors in the "
                "fight against trafficking in human beings. Not least because of their legal "
                "obligations, local authorities should be aware of the problem and willing to "
                "engage, since if they do not comply, they might be held accountable at the "
                "European Court of Human Rights.</p>"
                "<p>One example of this is public procurement: it is not enough to apply the "
                "legal procedures and control the applicants. In fact, the winner of the bid could "
                "sub-contract to any company whose reliability is not checked by public bodies and "
                "that could hide exploitation or any kind of illegal activities.</p>"
                "<p>He also points out that in some cases, the lack of attention to human "
                "trafficking at local level might be intentional. For instance, omissions in child "
                "protection can be the outcome of instructions to avoid other negative outcomes, "
                "such as police officers who are instructed to “turn a blind eye” in order to "
                "avoid the risk of being accused of racism if they addressed children from ethnic "
                "minorities (e.g. Roma).</p>"
                "<p>Local actors need to be trained to notice indicators, or “tell-tale” signs: "
                "small clues that, if well interpreted, can lead to discovering exploitation. "
                "Some of these signs are hard to see, but some can be noticed and may lead to the "
                "respective actions if staff are trained accordingly. Many services can play a "
                "role in noticing these clues, including social service workers, officials in "
                "bars or hotels, inspection staff, school staff and local police. These services "
                "need to be coordinated in order to function, and to do so, multidisciplinary "
                "teams must be created, aiming at developing a local referral system.</p>"
            ),
        },
        {
            "speakers": ["enrico-ragaglia"],
            "title": "Trafficking Along Migration Routes (TRAM): preliminary findings",
            "summary": (
                "<p>Enrico Ragaglia presented preliminary findings of the research conducted by "
                "ICMPD, "
                + link(
                    pages["trafficking-along-migration-routes-tram"],
                    "“Trafficking Along Migration Routes (TRAM)”",
                )
                + ". The research focuses on eight countries – Greece, Bulgaria, FYR Macedonia, "
                "Serbia, Austria, Germany, Sweden and Finland – aiming at understanding:</p>"
                "<ol><li>the risks of exploitation and trafficking for vulnerable migrants or "
                "refugees (including unaccompanied and separated children);</li>"
                "<li>the gaps and training needs of frontline responders, to allow them to "
                "identify trafficking cases and respond;</li>"
                "<li>gaps, needs and good practices in protecting and rehabilitating trafficked "
                "people.</li></ol>"
                "<p>He underlines that over the past two years routes have shifted, leading to an "
                "increase in the interest of European politicians in the topic, but policies are "
                "still not able to properly face it, because for non-experts it is difficult to "
                "understand the problem. The research findings reiterated that a link exists "
                "between the migrant crisis and trafficking and exploitation in Europe; that "
                "asylum and migration officers often don't see themselves as responsible for "
                "identifying trafficking cases; that more restrictive migration policies make "
                "migrants even more exposed to trafficking and exploitation; and that children "
                "trafficking seems to follow the trends of trafficking of adults. Moreover, the "
                "research confirmed that the majority of victims in Europe come from two "
                "countries of the Danube Region: Romania and Bulgaria.</p>"
            ),
        },
        {
            "speakers": ["stefano-volpicelli"],
            "title": "Trafficking, exploitation and the detection of victims",
            "summary": (
                "<p>Stefano Volpicelli argues that trafficking is strictly linked to "
                "exploitation: there would be no reason for human trafficking to exist if not for "
                "exploiting purposes. He emphasises the role of local actors in the detection of "
                "victims, as they are closest to them.</p>"
                "<p>Civil servants in cities and municipalities are well trained to identify "
                "victims, but it is still difficult, because victims often do not perceive "
                "themselves as victims with respective rights, or they fear severe consequences "
                "from the traffickers. But the most important reason is that they don't see any "
                "benefit in reporting, as in most cases they will end up in detention and "
                "probably be repatriated.</p>"
                "<p>He stresses that it is important that assistance and protection are provided "
                "regardless of the victims' collaboration with the authorities, and that victims "
                "should be given the opportunity to access justice and compensation for their "
                "losses.</p>"
            ),
        },
        {
            "speakers": ["shams-asadi", "evelyn-probst"],
            "title": "Vienna – local GRETA Working Group for coordination of local actors",
            "practice": "vienna-local-greta-working-group",
            "summary": (
                "<p>In 2014, the city council of Vienna endorsed the human rights city "
                "declaration and thereby committed to prioritise and strengthen aspects of human "
                "rights in urban policies. In 2015, Vienna established a human rights office that "
                "raises awareness on human rights issues in city policies and coordinates human "
                "rights initiatives within the city. In this function, the Human Rights Office "
                "established a standing working group based on the expert group of the Council of "
                "Europe against trafficking in human beings (GRETA), which includes "
                "representatives from public administration, civil society and research in "
                "Vienna.</p>"
                "<p>Shams Asadi stresses the importance of advocating the issue in cities, as "
                "experience showed that civil servants often do not realise that trafficking in "
                "human beings takes place in cities like Vienna. Evelyn Probst, member of the "
                "standing working group, underlines the human rights perspective on trafficking "
                "in human beings.</p>"
                "<p>The working group is a good example of cooperation among different "
                "administrative levels: even though potential victims' cases are dealt with at "
                "the federal level, Vienna has been making greater efforts to offer support, "
                "because the city acknowledged the trend that many victims will be trafficked to "
                "the capital.</p>"
            ),
        },
        {
            "speakers": ["polona-kovac"],
            "title": (
                "Ljubljana – Memorandum of Cooperation between civil society and law enforcement"
            ),
            "practice": "ljubljana-memorandum-of-cooperation",
            "summary": (
                "<p>In Ljubljana, civil society has a central role in service provision for "
                "victims of trafficking in human beings. Organisations such as the Society Ključ "
                "– Centre for Fight Against Trafficking in Human Beings provide shelter and "
                "reintegration programmes to victims with encouraging success. Additionally, "
                "Society Ključ works together with law enforcement, confirmed through a "
                "Memorandum of Cooperation.</p>"
                "<p>Polona Kovač described how the organisation cooperates with the local police: "
                "the police nominated contact persons, who have special training on detecting and "
                "fighting trafficking in human beings. These contact persons can be contacted if "
                "criminal activities related to trafficking in human beings are observed. "
                "Following this notification, investigators carry out investigations and "
                "intervene if deemed necessary.</p>"
            ),
        },
        {
            "speakers": ["veronica-asensio-capote", "gemma-uix"],
            "title": "Barcelona – Assistance to victims of human trafficking",
            "practice": "barcelona-assistance-to-victims",
            "summary": (
                "<p>Barcelona addressed the issue of assistance and health care for victims of "
                "human trafficking within a project. Veronica Asensio Capote and Gemma Uix "
                "emphasise the importance of comprehensive and constant assistance to victims at "
                "all levels. This requires close cooperation between public authorities and "
                "further service providers, and training for civil service. Another aspect is to "
                "bridge administrative barriers between cities and other public authorities. In "
                "Spain, cities have to deal with different police bodies, and cooperation between "
                "cities is often challenging as they have different approaches in managing "
                "trafficking in human beings.</p>"
            ),
        },
        {
            "speakers": ["vera-gracheva"],
            "title": "Russian Federation – Raising awareness to engage law enforcement",
            "practice": "moscow-raising-awareness-to-engage-law-enforcement",
            "summary": (
                "<p>In the Russian Federation, public support for fighting trafficking in human "
                "beings is widely lacking. Without legislative tools and with no financial "
                "resources, law enforcement pays hardly any attention to the issue.</p>"
                "<p>Vera Gracheva works together with a team of engaged and dedicated people, who "
                "founded a movement for assisting victims of trafficking in human beings. They "
                "provide help for victims to leave their exploitative environment. In the past six "
                "years, the movement managed to rescue almost 500 victims of trafficking in human "
                "beings. Another crucial task is raising awareness for the issue in the media, in "
                "order to increase pressure on public authorities and improve the operating "
                "structures for fighting human trafficking.</p>"
            ),
        },
        {
            "speakers": ["marc-van-der-reek"],
            "title": "Child trafficking",
            "summary": (
                "<p>Marc van der Reek introduces the issue of child trafficking. His organisation "
                "provides services to all children in Greece, such as health assistance, "
                "accommodation and support centres. It also tries to prevent episodes of violence "
                "against victims and avoid family separation due to migration.</p>"
                "<p>He underlines the difference between “shelter” and “home” when dealing with "
                "human rights, especially for children. A shelter provides a roof and some food to "
                "survive; providing it is not a solution. Homes are the places where children or "
                "families can feel safe and start planning their lives again. The same is true "
                "for orphanages: in these big houses with plenty of children, children do not "
                "feel assisted and will probably run away.</p>"
                "<p>He also stresses that motivation in fighting trafficking in human beings is "
                "paramount for being effective. Training of civil servants is not enough if they "
                "are not motivated and still believe they are not responsible for victims.</p>"
                "<p>Finally, he stresses that the fight against human trafficking is about "
                "creating trust. Most victims trust their traffickers because they see in them "
                "stability and protection, and they are often the only bond the victims have "
                "left. According to Europol, over 10,000 children disappeared in 2015. Even if "
                "they are not all victims of trafficking, the figure shows that children's "
                "protection needs to improve. Local civil servants must be trained and have "
                "enough autonomy to be able to intervene in the first 24 hours, thus increasing "
                "the chances to find the missing child again. Hotlines are important and often "
                "underestimated, like the "
                + link(
                    pages["european-hotline-for-missing-children"],
                    "European hotline for missing children",
                )
                + ", which could be much more advertised.</p>"
                "<p>Something that is usually not considered when talking about child "
                "trafficking is what happens when children turn 18. The passage to the adult "
                "world is not gradual for these children. It often takes ages to confirm the "
                "status of these children in a country, and before that is done, they turn 18. "
                "They are then suddenly treated according to different rules and moved to centres "
                "with other adults, with no support at all.</p>"
            ),
        },
    ]


REPORT = {
    "title": (
        "Round Table on Preventing & Combating Human Trafficking and Exploitation at Local Level"
    ),
    "slug": "round-table-vienna-2017-report",
    "summary": REPORT_SUMMARY,
    "themes": [
        "stakeholder-coordination",
        "cooperation-with-law-enforcement",
        "victim-assistance",
        "awareness-raising",
        "child-protection",
        "public-procurement",
        "training-of-frontline-staff",
    ],
    # (organisation key, role)
    "organisations": [("pa10", "organiser"), ("city-of-vienna", "organiser"), ("rii", "partner")],
}


def build_report(home, network: Network, pages: dict) -> RoundTableReportPage:
    practices = practices_by_slug(home.locale, PRACTICE_SLUGS)
    report = RoundTableReportPage(
        locale=home.locale,
        title=REPORT["title"],
        slug=REPORT["slug"],
        summary=REPORT["summary"],
        issuing_body=network.organisations["pa10"],
        meeting_date=ROUND_TABLE_DATE,
        venue="Vienna City Hall",
        place=network.places["vienna"],
        external_link=DCAHT_WEBSITE,
        body=REPORT_BODY,
        key_messages=[{"type": "message", "value": message} for message in KEY_MESSAGES],
    )
    report.themes = [network.themes[key] for key in REPORT["themes"]]
    report.organisation_links = [
        ReportOrganisation(sort_order=order, organisation=network.organisations[key], role=role)
        for order, (key, role) in enumerate(REPORT["organisations"])
    ]
    report.contributions = [
        ReportContribution(
            sort_order=order,
            locale=home.locale,
            speakers=[network.people[key] for key in item["speakers"]],
            title=item["title"],
            summary=item["summary"],
            practice=practices.get(item.get("practice")),
        )
        for order, item in enumerate(contributions(pages))
    ]
    return report
