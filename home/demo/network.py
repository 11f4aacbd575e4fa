"""The network's entities as the seed report names them (shared/seed: the round table of 2017).

Nothing here goes beyond the report, except the places' coordinates (public geography, needed
for the map) and the organisations' kinds where the report implies them. Where the report is
silent (a person's role, an organisation's website), the field stays empty.
"""

from decimal import Decimal

from dcaht.models import Country, Organisation, Person, Place, TargetGroup, Theme

K = Organisation.Kind

# (code, name): the countries of the practices and of the TRAM study.
COUNTRIES = [
    ("at", "Austria"),
    ("bg", "Bulgaria"),
    ("fi", "Finland"),
    ("de", "Germany"),
    ("gr", "Greece"),
    ("mk", "North Macedonia"),
    ("ro", "Romania"),
    ("ru", "Russian Federation"),
    ("rs", "Serbia"),
    ("si", "Slovenia"),
    ("es", "Spain"),
    ("se", "Sweden"),
]

# (slug, name, country code, latitude, longitude)
PLACES = [
    ("vienna", "Vienna", "at", "48.20849", "16.37208"),
    ("ljubljana", "Ljubljana", "si", "46.05108", "14.50513"),
    ("barcelona", "Barcelona", "es", "41.38879", "2.15899"),
    ("moscow", "Moscow", "ru", "55.75222", "37.61556"),
]

# (slug, name, description)
THEMES = [
    (
        "stakeholder-coordination",
        "Stakeholder coordination",
        "Bringing local public administration, civil society and research together.",
    ),
    (
        "cooperation-with-law-enforcement",
        "Cooperation with law enforcement",
        "Civil society, city services and the police working together.",
    ),
    (
        "victim-assistance",
        "Victim assistance",
        "Shelter, health care, reintegration and support for victims of trafficking.",
    ),
    (
        "awareness-raising",
        "Awareness raising",
        "Making the public, the media and the authorities aware of trafficking.",
    ),
    (
        "child-protection",
        "Child protection",
        "Preventing the trafficking of children and protecting children at risk.",
    ),
    (
        "labour-exploitation",
        "Labour exploitation",
        "Detecting and preventing the exploitation of workers.",
    ),
    (
        "public-procurement",
        "Public procurement",
        "Keeping exploitation out of the supply chains of public contracts.",
    ),
    (
        "training-of-frontline-staff",
        "Training of frontline staff",
        "Training civil servants and other services to notice the signs of trafficking.",
    ),
]

# (slug, name)
TARGET_GROUPS = [
    ("victims-of-trafficking", "Victims of trafficking"),
    ("children", "Children"),
    ("adults", "Adults"),
    ("migrants-and-refugees", "Migrants and refugees"),
    ("civil-servants-and-frontline-staff", "Civil servants and frontline staff"),
]

# key: (name, acronym, kind, country code, place slug)
ORGANISATIONS = {
    "pa10": (
        "EUSDR Priority Area 10 “Institutional Capacity and Cooperation”",
        "PA10",
        K.PUBLIC_PROGRAMME,
        None,
        None,
    ),
    "city-of-vienna": ("City of Vienna", "", K.CITY_ADMINISTRATION, "at", "vienna"),
    "rii": ("Regional Implementation Initiative", "RII", K.OTHER, None, None),
    "icmpd": (
        "International Centre for Migration Policy Development",
        "ICMPD",
        K.INTERNATIONAL,
        None,
        None,
    ),
    "human-rights-office-vienna": (
        "Human Rights Office, Vienna",
        "",
        K.CITY_ADMINISTRATION,
        "at",
        "vienna",
    ),
    "lefoe-ibf": ("LEFÖ-ibf", "", K.NGO, "at", "vienna"),
    "kljuc": (
        "Society Ključ – Centre for Fight Against Trafficking in Human Beings",
        "",
        K.NGO,
        "si",
        "ljubljana",
    ),
    "police-ljubljana": ("Police, Ljubljana", "", K.LAW_ENFORCEMENT, "si", "ljubljana"),
    "unity-barcelona": (
        "Unity Against Human Trafficking, Barcelona",
        "",
        K.CITY_ADMINISTRATION,
        "es",
        "barcelona",
    ),
    "alternative": ("Volunteers' Movement Alternative", "", K.NGO, "ru", "moscow"),
    "smile-of-the-child": ("The Smile of the Child", "", K.NGO, "gr", None),
    "council-of-europe": ("Council of Europe", "", K.INTERNATIONAL, None, None),
    "greta": (
        "Group of Experts on Action against Trafficking in Human Beings",
        "GRETA",
        K.INTERNATIONAL,
        None,
        None,
    ),
    "echr": ("European Court of Human Rights", "ECHR", K.INTERNATIONAL, None, None),
    "europol": ("Europol", "", K.LAW_ENFORCEMENT, None, None),
    "united-nations": ("United Nations", "UN", K.INTERNATIONAL, None, None),
    "european-union": (
        "European Parliament and Council of the European Union",
        "",
        K.INTERNATIONAL,
        None,
        None,
    ),
}

# key: (name, role, organisation key)
PEOPLE = {
    "claudia-singer": ("Claudia Singer", "", "pa10"),
    "helga-konrad": ("Helga Konrad", "", "rii"),
    "mike-dottridge": (
        "Mike Dottridge",
        "Independent Anti-Trafficking Expert and Consultant",
        None,
    ),
    "enrico-ragaglia": ("Enrico Ragaglia", "", "icmpd"),
    "stefano-volpicelli": (
        "Stefano Volpicelli",
        "Trainer and Researcher on Migration and Trafficking in Human Beings",
        None,
    ),
    "marc-van-der-reek": ("Marc van der Reek", "Ambassador (hon.)", "smile-of-the-child"),
    "shams-asadi": ("Shams Asadi", "", "human-rights-office-vienna"),
    "evelyn-probst": (
        "Evelyn Probst",
        "Member of the standing working group in Vienna",
        "lefoe-ibf",
    ),
    "polona-kovac": ("Polona Kovač", "", "kljuc"),
    "veronica-asensio-capote": ("Veronica Asensio Capote", "", "unity-barcelona"),
    "gemma-uix": ("Gemma Uix", "", "unity-barcelona"),
    "vera-gracheva": ("Vera Gracheva", "", "alternative"),
}


class Network:
    """The seed's entities in the source locale, created where missing, looked up by key."""

    def __init__(self, locale):
        self.locale = locale
        self.countries = {
            code: self._get_or_create(Country, {"code": code}, {"name": name})
            for code, name in COUNTRIES
        }
        self.places = {
            slug: self._get_or_create(
                Place,
                {"slug": slug},
                {
                    "name": name,
                    "country": self.countries[country],
                    "latitude": Decimal(latitude),
                    "longitude": Decimal(longitude),
                },
            )
            for slug, name, country, latitude, longitude in PLACES
        }
        self.themes = {
            slug: self._get_or_create(Theme, {"slug": slug}, {"name": name, "description": text})
            for slug, name, text in THEMES
        }
        self.target_groups = {
            slug: self._get_or_create(TargetGroup, {"slug": slug}, {"name": name})
            for slug, name in TARGET_GROUPS
        }
        self.organisations = {
            key: self._get_or_create(
                Organisation,
                {"name": name},
                {
                    "acronym": acronym,
                    "kind": kind,
                    "country": self.countries.get(country),
                    "place": self.places.get(place),
                },
            )
            for key, (name, acronym, kind, country, place) in ORGANISATIONS.items()
        }
        self.people = {
            key: self._get_or_create(
                Person,
                {"name": name},
                {"role": role, "organisation": self.organisations.get(organisation)},
            )
            for key, (name, role, organisation) in PEOPLE.items()
        }

    def _get_or_create(self, model, lookup, defaults):
        instance, _created = model.objects.get_or_create(
            locale=self.locale, **lookup, defaults=defaults
        )
        return instance
