"""For translators of the demo content: write untranslated PO files for what has none yet."""

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Locale

from home.demo.translations import DIRECTORY, export_templates
from home.models import HomePage


class Command(BaseCommand):
    help = (
        "Write wagtail-localize PO files of the demo content into home/demo/translations/"
        "<language>/ for every object that has none yet in that language."
    )

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="+", help="language codes, e.g. de sl es ru")

    def handle(self, *args, languages, **options):
        known = set(Locale.objects.values_list("language_code", flat=True))
        unknown = sorted(set(languages) - known)
        if unknown:
            raise CommandError(f"Unknown languages: {', '.join(unknown)}. Run load_demo_content.")
        home = HomePage.objects.filter(locale=Locale.get_default()).first()
        if home is None:
            raise CommandError("There is no demo content yet: run load_demo_content first.")
        for path in export_templates(home, languages):
            self.stdout.write(str(path.relative_to(DIRECTORY)))
