"""Synthetic content for benchmarks: places, organisations and practices at a chosen scale.

Pages are written in bulk (tree paths computed here, one INSERT per table and batch), which
makes 10 000 practices a matter of seconds instead of the hours the page API would take.
Run `manage.py update_index` afterwards so that search sees them. Never on a real site.
"""

import argparse
import random
import re
import uuid
from collections import Counter
from decimal import Decimal
from itertools import accumulate

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Locale, Page

from dcaht.generation import new_generation
from dcaht.models import BasePage, Country, Organisation, Place, TargetGroup, Theme
from practices.models import GoodPracticePage, PracticeIndexPage, PracticeOrganisation

BATCH = 1000
# A word of the synthetic text: letters only (numbers and punctuation are not words here).
WORD = re.compile(r"[^\W\d_]+")


# The most practices, places or organisations a run may ask for: a hundred times the
# benchmark's scale. A typo's extra zeros are refused instead of running for days.
MOST = 1_000_000


def count(value: str) -> int:
    if value.isdecimal() and len(value) <= len(str(MOST)) and 1 <= int(value) <= MOST:
        return int(value)
    raise argparse.ArgumentTypeError(f"{value!r} is not a whole number from 1 to {MOST}")


class Command(BaseCommand):
    help = "Add synthetic places, organisations and practices (with translations) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--practices", type=count, default=10_000)
        parser.add_argument("--places", type=count, default=200)
        parser.add_argument("--organisations", type=count, default=500)
        parser.add_argument(
            "--translate", default="de,sl", help="languages that get translations of 1 in 5"
        )
        parser.add_argument("--seed", type=int, default=2017)

    def handle(self, *args, **options):
        self.random = random.Random(options["seed"])  # noqa: S311 - repeatable fake data
        source = Locale.get_default()
        index = PracticeIndexPage.objects.filter(locale=source).first()
        if index is None:
            raise CommandError("Run load_demo_content first: there is no practice index.")
        codes = [code.strip() for code in options["translate"].split(",") if code.strip()]
        known = set(Locale.objects.values_list("language_code", flat=True))
        if unknown := [code for code in codes if code not in known]:
            raise CommandError(
                f"No locale for {', '.join(unknown)}: --translate takes some of "
                + ", ".join(sorted(known))
            )
        existing = GoodPracticePage.objects.filter(locale=source, slug__startswith="bench-").count()
        wanted = options["practices"] - existing
        if wanted <= 0:
            self.stdout.write(f"{existing} synthetic practices already exist.")
            return
        self.words, self.weights = self.word_frequencies(source)
        with transaction.atomic():
            places = self.places(source, options["places"])
            organisations = self.organisations(source, options["organisations"], places)
            practices = self.practices(index, wanted, existing, places, organisations)
            for code in codes:
                self.translations(practices[::5], code, places)
        new_generation()  # Bulk inserts send no signal: running servers must see the pages.
        self.stdout.write(f"Added {wanted} synthetic practices; now run update_index.")

    def places(self, locale, count):
        countries = list(Country.objects.filter(locale=locale))
        existing = list(Place.objects.filter(locale=locale, slug__startswith="bench-"))
        new = [
            Place(
                locale=locale,
                name=f"Town {number}",
                slug=f"bench-town-{number}",
                country=self.random.choice(countries),
                latitude=Decimal(f"{self.random.uniform(42, 50):.5f}"),
                longitude=Decimal(f"{self.random.uniform(8, 30):.5f}"),
            )
            for number in range(len(existing), count)
        ]
        return existing + Place.objects.bulk_create(new)

    def organisations(self, locale, count, places):
        existing = list(Organisation.objects.filter(locale=locale, name__startswith="Bench "))
        kinds = [kind for kind, _label in Organisation.Kind.choices]
        new = []
        for number in range(len(existing), count):
            place = self.random.choice(places)
            new.append(
                Organisation(
                    locale=locale,
                    name=f"Bench organisation {number}",
                    kind=self.random.choice(kinds),
                    place=place,
                    country_id=place.country_id,
                )
            )
        return existing + Organisation.objects.bulk_create(new)

    def word_frequencies(self, locale):
        """The words of the demo content's pages and how often each occurs: the synthetic text
        draws from them, so that its words are as common or as rare as in real reports (a
        search for two specific words matches a few practices, one for "trafficking" nearly
        all of them), not a handful of words that every practice holds."""
        counts = Counter()
        pages = Page.objects.live().filter(locale=locale).exclude(slug__startswith="bench-")
        for page in pages.specific():
            if isinstance(page, BasePage):
                counts.update(
                    WORD.findall(f"{page.search_title()} {page.search_content()}".lower())
                )
        if not counts:
            raise CommandError("The demo content has no text: run load_demo_content first.")
        words = sorted(counts)
        return words, list(accumulate(counts[word] for word in words))

    def text(self, words):
        chosen = self.random.choices(self.words, cum_weights=self.weights, k=words)
        return " ".join(chosen).capitalize() + "."

    def create_pages(self, parent, rows):
        """Insert GoodPracticePages under `parent` in bulk; `rows` are dicts of field values."""
        content_type = ContentType.objects.get_for_model(GoodPracticePage)
        now = timezone.now()
        pages = []
        for offset, row in enumerate(rows, start=parent.numchild + 1):
            pages.append(
                Page(
                    title=row["title"],
                    draft_title=row["title"],
                    slug=row["slug"],
                    content_type=content_type,
                    locale_id=parent.locale_id,
                    translation_key=row["translation_key"],
                    path=Page._get_path(parent.path, parent.depth + 1, offset),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{row['slug']}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        created = []
        for start in range(0, len(pages), BATCH):
            created += Page.objects.bulk_create(pages[start : start + BATCH])
        fields = GoodPracticePage._meta.local_concrete_fields
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        marks = ", ".join(["%s"] * len(fields))
        table = connection.ops.quote_name(GoodPracticePage._meta.db_table)
        values = []
        for page, row in zip(created, rows, strict=True):
            practice = GoodPracticePage(page_ptr_id=page.pk, **row["fields"])
            values.append(
                [
                    field.get_db_prep_save(getattr(practice, field.attname), connection)
                    for field in fields
                ]
            )
        with connection.cursor() as cursor:
            for start in range(0, len(values), BATCH):
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608 - names from the model
                    values[start : start + BATCH],
                )
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(created))
        parent.numchild += len(created)
        return created

    def practices(self, index, count, offset, places, organisations):
        themes = list(Theme.objects.filter(locale=index.locale))
        groups = list(TargetGroup.objects.filter(locale=index.locale))
        sizes = [value for value, _label in GoodPracticePage.CitySize.choices]
        rows = []
        for number in range(offset, offset + count):
            rows.append(
                {
                    "title": f"Practice {number}: {self.text(4)[:-1]}",
                    "slug": f"bench-practice-{number}",
                    "translation_key": uuid.uuid4(),
                    "fields": {
                        "summary": self.text(25),
                        "start_year": self.random.randint(2005, 2024),
                        "city_size": self.random.choice(sizes),
                        "body": [
                            {
                                "type": "what_was_done",
                                "value": {"heading": "", "text": f"<p>{self.text(120)}</p>"},
                                "id": str(uuid.uuid4()),
                            }
                        ],
                    },
                }
            )
        pages = self.create_pages(index, rows)
        through = GoodPracticePage.places.through
        theme_through = GoodPracticePage.themes.through
        group_through = GoodPracticePage.target_groups.through
        links, theme_links, group_links, organisation_links = [], [], [], []
        for page in pages:
            links.append(through(goodpracticepage_id=page.pk, place=self.random.choice(places)))
            for theme in self.random.sample(themes, 2):
                theme_links.append(theme_through(goodpracticepage_id=page.pk, theme=theme))
            group_links.append(
                group_through(goodpracticepage_id=page.pk, targetgroup=self.random.choice(groups))
            )
            organisation_links.append(
                PracticeOrganisation(
                    page_id=page.pk,
                    sort_order=0,
                    organisation=self.random.choice(organisations),
                    role="lead",
                )
            )
        for model, objects in [
            (through, links),
            (theme_through, theme_links),
            (group_through, group_links),
            (PracticeOrganisation, organisation_links),
        ]:
            model.objects.bulk_create(objects, batch_size=BATCH)
        return pages

    def translations(self, pages, code, places):
        locale = Locale.objects.get(language_code=code)
        index = PracticeIndexPage.objects.filter(locale=locale).first()
        if index is None:
            raise CommandError(f"There is no practice index in {code}: run load_demo_content.")
        sources = GoodPracticePage.objects.filter(pk__in=[page.pk for page in pages])
        rows = [
            {
                "title": f"[{code}] {source.title}",
                "slug": source.slug,
                "translation_key": source.translation_key,
                "fields": {"summary": f"[{code}] {source.summary}", "body": source.body},
            }
            for source in sources
        ]
        translated = self.create_pages(index, rows)
        through = GoodPracticePage.places.through
        through.objects.bulk_create(
            [
                through(goodpracticepage_id=page.pk, place=self.random.choice(places))
                for page in translated
            ],
            batch_size=BATCH,
        )
