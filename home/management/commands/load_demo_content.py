"""Build the demo site from the seed report, idempotently: it only creates what is missing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Locale, Page, Site

from dcaht.bulk import saving_in_bulk
from dcaht.i18n import ensure_locales, synchronize_locales
from home.demo.meetings import load_meetings
from home.demo.network import Network
from home.demo.practices import load_practices
from home.demo.resources import load_resources
from home.demo.translations import import_translations
from home.models import HomeFeaturedPractice, HomePage

HOME_SUMMARY = (
    "Good practices, reports and events of cities, NGOs and experts working together against "
    "trafficking in human beings in the Danube Region."
)
HOME_INTRODUCTION = (
    "<p>Danube Cities against Human Trafficking (D-CAHT) is a thematic networking initiative of "
    "Priority Area 10 “Institutional Capacity and Cooperation” of the EU Strategy for the Danube "
    "Region. It addresses cities, towns, relevant NGOs, experts and local institutions in order "
    "to enhance capacity-building and know-how transfer on this genuinely transnational and "
    "transversal issue.</p>"
)


class Command(BaseCommand):
    help = "Create the hub's locales and demo content from the seed report (only what is missing)."

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        with transaction.atomic():
            home = self.ensure_home_page()
            ensure_locales()
            network = Network(home.locale)
            practices = load_practices(home, network)
            resources = load_resources(home, network)
            load_meetings(home, network, report=resources["report"])
            if not home.featured_practices.exists():
                home.featured_practices = [
                    HomeFeaturedPractice(sort_order=order, practice=practice)
                    for order, practice in enumerate(practices)
                ]
                home.save_revision().publish()
        synchronize_locales()
        with saving_in_bulk():
            for imported in import_translations(home):
                self.say(f"Imported the translation {imported}.")
        self.say(self.style.SUCCESS(f"Demo content ready: {home.title} at {home.url}"))

    def say(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(message)

    def ensure_home_page(self) -> HomePage:
        source_locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        home = HomePage.objects.filter(locale=source_locale).first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's installation leaves a placeholder "Welcome" page; it has no place here.
            root.get_children().exact_type(Page).filter(numchild=0).delete()
            home = root.add_child(
                instance=HomePage(
                    title="Danube Cities Knowledge Hub",
                    slug="home",
                    locale=source_locale,
                    summary=HOME_SUMMARY,
                    introduction=HOME_INTRODUCTION,
                )
            )
            home.save_revision().publish()
            self.say(f"Created the home page {home.title!r}.")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        elif site.root_page_id != home.id:
            site.root_page = home
            site.save()
        return home
