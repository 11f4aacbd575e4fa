"""The records of translation states for the pages that existed before them: each live source
page's text last changed when it was last published, and each translation was published with
the segments it translates now."""

from django.conf import settings
from django.db import migrations
from django.db.models import Count, Exists, OuterRef, Q


def record(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    SourceChange = apps.get_model("dcaht", "SourceChange")
    PublishedTranslation = apps.get_model("dcaht", "PublishedTranslation")
    Translation = apps.get_model("wagtail_localize", "Translation")
    StringSegment = apps.get_model("wagtail_localize", "StringSegment")
    StringTranslation = apps.get_model("wagtail_localize", "StringTranslation")

    source_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if source_locale is None:
        return
    for key, published_at in Page.objects.filter(
        locale=source_locale, live=True, last_published_at__isnull=False
    ).values_list("translation_key", "last_published_at"):
        SourceChange.objects.get_or_create(translation_key=key, defaults={"changed_at": published_at})

    translations = Translation.objects.filter(enabled=True).select_related("source")
    for page in Page.objects.exclude(locale=source_locale).filter(
        alias_of__isnull=True, last_published_at__isnull=False
    ):
        translation = translations.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        ).first()
        if translation is None:
            continue
        strings = StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=page.locale_id,
            has_error=False,
        )
        counts = (
            StringSegment.objects.filter(source_id=translation.source_id)
            .annotate(
                is_translated=Exists(strings),
                is_machine=Exists(strings.filter(translation_type="machine")),
            )
            .aggregate(
                segments=Count("pk"),
                translated=Count("pk", filter=Q(is_translated=True)),
                machine=Count("pk", filter=Q(is_machine=True)),
            )
        )
        PublishedTranslation.objects.get_or_create(
            page=page,
            defaults={
                "segments": counts["segments"],
                "translated": counts["translated"],
                "machine_translated": counts["machine"],
                "source_extracted_at": translation.source.last_updated_at,
                "published_at": page.last_published_at,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("dcaht", "0003_translation_records"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(record, migrations.RunPython.noop)]
