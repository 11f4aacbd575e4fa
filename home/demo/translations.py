"""Translations of the demo content, kept as PO files and imported through wagtail-localize.

`home/demo/translations/<language>/<key>.po` holds one object's translation: a page by its
path below the home page (`home`, `practices.barcelona-assistance-to-victims`) or a shared
entity by its model and slug or code (`theme.victim-assistance`, `country.si`). The files are
wagtail-localize's own PO exports, filled in by translators; importing them goes through
`Translation.import_po` and `save_target`, exactly as an upload in the admin does.

No fluent reader has reviewed them yet: they are loaded as machine translation, which readers
are told, unless a file's header names its reviewer (`X-Reviewed-By`).
"""

from pathlib import Path

from django.db import transaction

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

import polib

from dcaht.models import Country, Place, TargetGroup, Theme

DIRECTORY = Path(__file__).resolve().parent / "translations"
# The PO header naming the person who reviewed a file's translation.
REVIEWED_BY = "X-Reviewed-By"
UNREVIEWED = "Demo translation, not reviewed"
SNIPPET_KEYS = [
    (Country, "country", "code"),
    (Place, "place", "slug"),
    (Theme, "theme", "slug"),
    (TargetGroup, "target-group", "slug"),
]


def page_key(home, page) -> str:
    if page.pk == home.pk:
        return "home"
    return page.url_path.removeprefix(home.url_path).strip("/").replace("/", ".")


def demo_objects(home):
    """The source-language objects whose translations the demo ships, by key."""
    objects = {}
    for page in home.get_descendants(inclusive=True).specific():
        objects[page_key(home, page)] = page
    for model, prefix, field in SNIPPET_KEYS:
        for instance in model.objects.filter(locale=home.locale):
            objects[f"{prefix}.{getattr(instance, field)}"] = instance
    return objects


def is_translated(instance, locale) -> bool:
    translated = instance.get_translation_or_none(locale)
    return translated is not None and not getattr(translated, "alias_of_id", None)


def export_templates(home, languages, directory: Path = DIRECTORY) -> list[Path]:
    """Write an untranslated PO file for each object that has none yet, per language."""
    written = []
    for key, instance in demo_objects(home).items():
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        for language in languages:
            path = directory / language / f"{key}.po"
            if path.exists():
                continue
            po = source.export_po()
            po.metadata["Language"] = language
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            written.append(path)
    return written


def import_translations(home, directory: Path = DIRECTORY) -> list[str]:
    """Import every shipped PO file whose object is not yet translated; return what was done."""
    objects = demo_objects(home)
    imported = []
    for language_dir in sorted(path for path in directory.iterdir() if path.is_dir()):
        locale = Locale.objects.filter(language_code=language_dir.name).first()
        if locale is None:
            continue
        for po_path in sorted(language_dir.glob("*.po")):
            instance = objects.get(po_path.stem)
            if instance is None or is_translated(instance, locale):
                continue
            with transaction.atomic():
                source, _created = TranslationSource.update_or_create_from_instance(instance)
                translation, _created = Translation.objects.get_or_create(
                    source=source, target_locale=locale
                )
                po = polib.pofile(str(po_path))
                if po.metadata.get(REVIEWED_BY):
                    translation.import_po(po)
                else:
                    translation.import_po(po, translation_type="machine", tool_name=UNREVIEWED)
                translation.save_target(publish=True)
            imported.append(f"{language_dir.name}/{po_path.stem}")
    return imported
