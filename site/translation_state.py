"""What readers and translators are told about a page's translation, from wagtail-localize's data.

A page in a target locale is one of:
- the source itself;
- an alias of the source (wagtail-localize's synchronisation creates one in every locale): the
  translation is *missing* and readers see the source content;
- a translation, *current* when the source was last published before wagtail-localize last
  extracted its content for translation (`TranslationSource.last_updated_at`), *outdated* when
  the source was published again since.
Strings that a machine translated and no person has edited since are recorded by wagtail-localize
as `StringTranslation.translation_type == "machine"`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, F, OuterRef, Subquery, Value, When

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, TranslationSource

from .i18n import default_locale

SOURCE = "source"
MISSING = "missing"
CURRENT = "current"
OUTDATED = "outdated"


@dataclass(frozen=True)
class TranslationState:
    status: str
    source_page: Page | None = None
    source_updated_at: datetime | None = None
    machine_translated: bool = False

    @property
    def source_language(self) -> str:
        return self.source_page.locale.language_code if self.source_page else ""


def translation_state(page: Page) -> TranslationState:
    source_locale = default_locale()
    if page.locale_id == source_locale.id:
        return TranslationState(SOURCE)
    if page.alias_of_id:
        return TranslationState(MISSING, source_page=page.alias_of)
    source_page = (
        Page.objects.filter(translation_key=page.translation_key, locale=source_locale)
        .select_related("locale")
        .first()
    )
    if source_page is None:
        # Written in this language first: there is nothing to compare it with.
        return TranslationState(SOURCE)
    extracted_at = (
        TranslationSource.objects.filter(object_id=page.translation_key, locale=source_locale)
        .values_list("last_updated_at", flat=True)
        .first()
    )
    published_at = source_page.last_published_at
    outdated = bool(extracted_at and published_at and published_at > extracted_at)
    machine = StringTranslation.objects.filter(
        locale_id=page.locale_id,
        context__object_id=page.translation_key,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    ).exists()
    return TranslationState(
        OUTDATED if outdated else CURRENT,
        source_page=source_page,
        source_updated_at=published_at,
        machine_translated=machine,
    )


def annotate_translation_status(pages, source_locale: Locale):
    """Annotate target-locale pages with `translation_status` and `source_published_at`.

    Done in SQL, so a report can filter and count by status over any number of pages.
    """
    source = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=source_locale)
    extracted = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale=source_locale
    )
    return pages.annotate(
        source_published_at=Subquery(source.values("last_published_at")[:1]),
        extracted_at=Subquery(extracted.values("last_updated_at")[:1]),
    ).annotate(
        translation_status=Case(
            When(alias_of__isnull=False, then=Value(MISSING)),
            When(source_published_at__gt=F("extracted_at"), then=Value(OUTDATED)),
            default=Value(CURRENT),
        )
    )
