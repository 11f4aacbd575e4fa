"""A page's translation state: one definition, read by the translation report, the dashboards,
the reader's notice, the API and (through the page cache's generations) every cached page.

A copy of a page in a target language is, in this order:
- *not translated*: an alias of the source page (wagtail-localize creates one in every locale
  when the source is first published), showing the source's text;
- *in translation*: a translation was started, but nothing of its published text is
  translated yet: readers see the source's text, marked as the source's language;
- *partly translated*: its published text translates n of the source's m segments (after a
  sync, the changed ones are missing);
- *outdated*: the source's text changed (`SourceChange`) after the extraction the published
  translation was made from;
- *up to date*.

What a translation was made of is recorded when it is published (`PublishedTranslation`), so
translating in the editor changes nothing for readers until the translator publishes, and a
sync that is not published leaves the page outdated. A source publication its editor marked
as a minor change (`MinorRevision`) leaves its translations' state as it was. Segments a
machine translated and no person has edited since are counted apart: readers are told.
"""

import html
import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.dispatch import receiver
from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Locale, Page
from wagtail.signals import page_published
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
)

from .generation import new_generation, remember
from .i18n import IN_TRANSLATION as IN_TRANSLATION_Q
from .i18n import default_locale
from .models.translations import MinorRevision, PublishedTranslation, SourceChange
from .translator_mail import mail_source_changed

SOURCE = "source"
NOT_TRANSLATED = "not_translated"
IN_TRANSLATION = "in_translation"
PARTLY_TRANSLATED = "partly_translated"
OUTDATED = "outdated"
CURRENT = "current"

# The states in which readers see the source's text in another language's frame.
SHOWS_SOURCE = frozenset({NOT_TRANSLATED, IN_TRANSLATION})


@dataclass(frozen=True)
class TranslationState:
    status: str
    source_page: Page | None = None
    # When the source's text last changed (what an outdated translation predates).
    source_changed_at: datetime | None = None
    segments: int = 0
    translated_segments: int = 0
    machine_translated: bool = False

    @property
    def source_language(self) -> str:
        return self.source_page.locale.language_code if self.source_page else ""

    @property
    def shows_source(self) -> bool:
        return self.status in SHOWS_SOURCE


def annotate_translation_status(pages: QuerySet) -> QuerySet:
    """Annotate pages of the target languages with `translation_status`, `source_changed_at`,
    `segments`, `translated_segments` and `machine_segments`, in SQL: a report filters and
    counts by state over any number of pages."""
    changed = SourceChange.objects.filter(translation_key=OuterRef("translation_key"))
    return pages.annotate(
        source_changed_at=Subquery(changed.values("changed_at")[:1]),
        segments=F("published_translation__segments"),
        translated_segments=F("published_translation__translated"),
        machine_segments=F("published_translation__machine_translated"),
        translated_from=F("published_translation__source_extracted_at"),
    ).annotate(
        translation_status=Case(
            When(alias_of__isnull=False, then=Value(NOT_TRANSLATED)),
            When(IN_TRANSLATION_Q, then=Value(IN_TRANSLATION)),
            # A copy made outside wagtail-localize that was never published.
            When(
                published_translation__isnull=True,
                last_published_at__isnull=True,
                then=Value(IN_TRANSLATION),
            ),
            When(translated_segments__lt=F("segments"), then=Value(PARTLY_TRANSLATED)),
            When(translated_from__lt=F("source_changed_at"), then=Value(OUTDATED)),
            When(
                published_translation__isnull=True,
                last_published_at__lt=F("source_changed_at"),
                then=Value(OUTDATED),
            ),
            default=Value(CURRENT),
        )
    )


def translation_state(page: Page) -> TranslationState:
    """The state of one page's translation (two queries; none for a source page)."""
    source_locale = default_locale()
    if page.locale_id == source_locale.pk:
        return TranslationState(SOURCE)
    source_page = (
        Page.objects.filter(translation_key=page.translation_key, locale=source_locale)
        .select_related("locale")
        .first()
    )
    if source_page is None:
        # Written in this language first: there is nothing to compare it with.
        return TranslationState(SOURCE)
    row = (
        annotate_translation_status(Page.objects.filter(pk=page.pk))
        .values(
            "translation_status",
            "source_changed_at",
            "segments",
            "translated_segments",
            "machine_segments",
        )
        .get()
    )
    return TranslationState(
        row["translation_status"],
        source_page=source_page,
        source_changed_at=row["source_changed_at"],
        segments=row["segments"] or 0,
        translated_segments=row["translated_segments"] or 0,
        machine_translated=bool(row["machine_segments"]),
    )


def is_minor(revision) -> bool:
    return revision is not None and MinorRevision.objects.filter(revision=revision).exists()


def create_missing_aliases(page: Page) -> None:
    """An alias of `page` in each locale synchronised from its own that has no copy of it."""
    synchronised = LocaleSynchronization.objects.filter(sync_from_id=page.locale_id)
    present = Page.objects.filter(translation_key=page.translation_key).values("locale_id")
    for locale in Locale.objects.filter(pk__in=synchronised.values("locale_id")).exclude(
        pk__in=present
    ):
        page.copy_for_translation(locale, copy_parents=True, alias=True)


def segment_translations(locale_id: int):
    """The usable translations into a locale of the `StringSegment` of an outer query."""
    return StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=locale_id,
        has_error=False,
    )


def record_published_translation(page: Page) -> None:
    """What the translation `page` was published with: its segments translated of the
    source's, and which extraction of the source it translates."""
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )
    if translation is None:
        # Translated outside wagtail-localize's editor: its publication dates compare.
        PublishedTranslation.objects.filter(page=page).delete()
        return
    strings = segment_translations(page.locale_id)
    counts = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate(
            is_translated=Exists(strings),
            is_machine=Exists(
                strings.filter(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
            ),
        )
        .aggregate(
            segments=Count("pk"),
            translated=Count("pk", filter=Q(is_translated=True)),
            machine=Count("pk", filter=Q(is_machine=True)),
        )
    )
    PublishedTranslation.objects.update_or_create(
        page=page,
        defaults={
            "segments": counts["segments"],
            "translated": counts["translated"],
            "machine_translated": counts["machine"],
            "source_extracted_at": translation.source.last_updated_at,
            "published_at": page.last_published_at or timezone.now(),
        },
    )


@receiver(page_published, dispatch_uid="translation-state-publication")
def record_publication(sender, instance, revision=None, **kwargs):
    """A source page published: its aliases where missing (a draft, an autosave, has none), and
    the change of its text unless minor. A translation published: what it was made of."""
    if instance.alias_of_id is not None:
        return
    if instance.locale_id == default_locale().pk:
        create_missing_aliases(instance)
        if is_minor(revision):
            SourceChange.objects.get_or_create(
                translation_key=instance.translation_key,
                defaults={"changed_at": instance.last_published_at or timezone.now()},
            )
        else:
            _change, first = SourceChange.objects.update_or_create(
                translation_key=instance.translation_key,
                defaults={"changed_at": instance.last_published_at or timezone.now()},
            )
            if not first:
                mail_source_changed(instance)
    else:
        record_published_translation(instance)
    # The state changed for readers: cached pages built before this record are stale.
    new_generation()


# Where a passage of rich text ends.
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote)>")


def passages(text) -> list[str]:
    """The passages of a text or of rich text, as plain text: wagtail-localize's segments of it
    (one per paragraph, list item or heading)."""
    found = []
    for part in BLOCK_END.split(str(text)):
        plain = " ".join(html.unescape(strip_tags(part)).split())
        if plain:
            found.append(plain)
    return found


def untranslated_passages(page: Page) -> frozenset[str]:
    """The source's passages a partly translated page shows untranslated (their text is the
    source's), read once per generation; none for any other page."""

    def find() -> frozenset[str]:
        if not Page.objects.filter(
            pk=page.pk, published_translation__translated__lt=F("published_translation__segments")
        ).exists():
            return frozenset()
        translated = segment_translations(page.locale_id)
        strings = (
            StringSegment.objects.filter(
                source__object_id=page.translation_key, source__locale=default_locale()
            )
            .exclude(Exists(translated))
            .values_list("string__data", flat=True)
        )
        return frozenset(passage for data in strings for passage in passages(data))

    return remember(("untranslated passages", page.pk), find)
