"""Admin report: the state of every page's translation in every locale, with CSV export; and
its summary on the dashboard of those who edit pages in other languages than English."""

from collections import Counter
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import PageReportView
from wagtail.coreutils import get_content_type_label
from wagtail.models import Locale, Page, get_page_content_types
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

import django_filters

from .roles import translator_group_name
from .translation_state import (
    CURRENT,
    IN_TRANSLATION,
    NOT_TRANSLATED,
    OUTDATED,
    PARTLY_TRANSLATED,
    annotate_translation_status,
)

STATUS_LABELS = {
    NOT_TRANSLATED: _("Not translated"),
    IN_TRANSLATION: _("In translation"),
    PARTLY_TRANSLATED: _("Partly translated"),
    OUTDATED: _("Translated, outdated"),
    CURRENT: _("Translated, up to date"),
}


def translated_copies(pages):
    """The copies, among `pages`, of live source-language pages, with their translation state:
    a page its editor has not published yet (an autosaved draft) is nobody's work yet."""
    source_locale = Locale.get_default()
    live_source = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale=source_locale, live=True
    )
    return annotate_translation_status(
        pages.exclude(locale=source_locale).filter(depth__gt=1).filter(Exists(live_source))
    ).annotate(source_published_at=Subquery(live_source.values("last_published_at")[:1]))


def target_locales(request=None):
    return Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("language_code")


class TranslationStatusFilterSet(WagtailFilterSet):
    locale = django_filters.ModelChoiceFilter(
        label=_("Language"), queryset=target_locales, field_name="locale"
    )
    content_type = ContentTypeFilter(
        label=_("Type"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
    )
    translation_status = django_filters.ChoiceFilter(
        label=_("Status"), choices=list(STATUS_LABELS.items()), field_name="translation_status"
    )

    class Meta:
        model = Page
        fields = ["locale", "content_type", "translation_status"]


class TranslationStatusView(PageReportView):
    page_title = _("Translation status")
    header_icon = "globe"
    results_template_name = "dcaht/reports/translation_status_results.html"
    filterset_class = TranslationStatusFilterSet
    index_url_name = "translation_status"
    index_results_url_name = "translation_status_results"
    any_permission_required = ["add", "change", "publish"]
    export_headings = {
        "title": _("Title"),
        "locale.language_code": _("Language"),
        "content_type": _("Type"),
        "translation_status": _("Status"),
        "translated_segments": _("Segments translated"),
        "segments": _("Segments"),
        "source_changed_at": _("Original last changed"),
        "source_published_at": _("Original last published"),
        "url_path": _("Path"),
    }
    list_export = list(export_headings)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "content_type": {
                self.FORMAT_CSV: get_content_type_label,
                self.FORMAT_XLSX: get_content_type_label,
            },
            "translation_status": {
                self.FORMAT_CSV: lambda status: str(STATUS_LABELS[status]),
                self.FORMAT_XLSX: lambda status: str(STATUS_LABELS[status]),
            },
        }

    def get_queryset(self):
        self.queryset = translated_copies(
            Page.objects.select_related("locale", "content_type").order_by(
                "locale__language_code", "path"
            )
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, queryset):
        for page in queryset:
            page.translation_status_label = STATUS_LABELS[page.translation_status]
        return queryset


def editable_target_locales(user) -> list[Locale]:
    """The languages besides English whose pages `user` may edit: a translator's own, or all of
    them for the secretariat."""
    homes = (
        Page.objects.filter(depth=2)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    return [home.locale for home in homes if home.permissions_for_user(user).can_edit()]


def translation_counts(locales: list[Locale]) -> dict[int, Counter]:
    """How many pages of each locale are in each translation status (one query)."""
    rows = (
        translated_copies(Page.objects.filter(locale__in=locales))
        .values("locale_id", "translation_status")
        .annotate(pages=Count("pk"))
        .order_by()
    )
    counts = {locale.pk: Counter() for locale in locales}
    for row in rows:
        counts[row["locale_id"]][row["translation_status"]] = row["pages"]
    return counts


class TranslationSummaryPanel(Component):
    """Per language, how many pages are in each translation state, the work first, each number
    leading to those pages in the translation status report."""

    name = "translation_summary"
    template_name = "dcaht/home/translation_summary.html"
    order = 150  # After the background work warning, before the pages awaiting moderation.
    statuses = (OUTDATED, PARTLY_TRANSLATED, IN_TRANSLATION, NOT_TRANSLATED, CURRENT)

    def __init__(self, locales: list[Locale]):
        self.locales = locales

    def get_context_data(self, parent_context=None):
        counts = translation_counts(self.locales)
        report = reverse("translation_status")
        rows = [
            {
                "language": locale.get_display_name(),
                "cells": [
                    {
                        "pages": counts[locale.pk][status],
                        "url": f"{report}?"
                        + urlencode({"locale": locale.pk, "translation_status": status}),
                    }
                    for status in self.statuses
                ],
            }
            for locale in self.locales
        ]
        labels = [STATUS_LABELS[status] for status in self.statuses]
        return {"labels": labels, "rows": rows}


# A translator's work: the states in which a page needs them.
WORK_STATES = (OUTDATED, PARTLY_TRANSLATED, IN_TRANSLATION, NOT_TRANSLATED)


def words_of(page: Page) -> int:
    """How many words of the page's text a translator translates (its translatable segments)."""
    return sum(
        len(strip_tags(segment.string.data).split())
        for segment in extract_segments(page.specific)
        if isinstance(segment, StringSegmentValue)
    )


def translator_locales(user) -> list[Locale]:
    """The languages of the "Translators: <language>" groups the user is in."""
    names = set(user.groups.values_list("name", flat=True))
    return [
        locale
        for locale in target_locales()
        if translator_group_name(locale.language_code) in names
    ]


class TranslationWorkPanel(Component):
    """A translator's work list: per language of theirs, the pages to translate or to bring up
    to date, newest original first (the hub does not count readers), with their words."""

    name = "translation_work"
    template_name = "dcaht/home/translation_work.html"
    order = 140  # Before the summary: what to do first.
    length = 10

    def __init__(self, locales: list[Locale]):
        self.locales = locales

    def get_context_data(self, parent_context=None):
        source_locale = Locale.get_default()
        languages = []
        for locale in self.locales:
            pages = (
                translated_copies(Page.objects.filter(locale=locale))
                .filter(translation_status__in=WORK_STATES)
                .order_by("-source_published_at", "path")
            )
            shown = list(pages[: self.length])
            sources = {
                source.translation_key: source
                for source in Page.objects.filter(
                    locale=source_locale,
                    translation_key__in=[page.translation_key for page in shown],
                ).specific()
            }
            languages.append(
                {
                    "code": locale.language_code,
                    "name": locale.get_display_name(),
                    "pages": [
                        {
                            "page": page,
                            "label": STATUS_LABELS[page.translation_status],
                            "words": words_of(sources[page.translation_key]),
                        }
                        for page in shown
                    ],
                    "total": pages.count(),
                    "report_url": f"{reverse('translation_status')}?"
                    + urlencode({"locale": locale.pk}),
                }
            )
        return {"languages": languages}
