"""Admin report: the state of every page's translation in every locale, with CSV export; and
its summary on the dashboard of those who edit pages in other languages than English."""

from collections import Counter
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import PageReportView
from wagtail.coreutils import get_content_type_label
from wagtail.models import Locale, Page, get_page_content_types

import django_filters

from .translation_state import CURRENT, MISSING, OUTDATED, annotate_translation_status

STATUS_LABELS = {
    CURRENT: _("Translated, up to date"),
    OUTDATED: _("Translated, outdated"),
    MISSING: _("Missing"),
}


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
        source_locale = Locale.get_default()
        pages = (
            Page.objects.exclude(locale=source_locale)
            .filter(depth__gt=1)
            .select_related("locale", "content_type")
            .order_by("locale__language_code", "path")
        )
        self.queryset = annotate_translation_status(pages, source_locale)
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
    pages = Page.objects.filter(locale__in=locales, depth__gt=1)
    rows = (
        annotate_translation_status(pages, Locale.get_default())
        .values("locale_id", "translation_status")
        .annotate(pages=Count("pk"))
        .order_by()
    )
    counts = {locale.pk: Counter() for locale in locales}
    for row in rows:
        counts[row["locale_id"]][row["translation_status"]] = row["pages"]
    return counts


class TranslationSummaryPanel(Component):
    """Per language, how many pages are outdated, missing and up to date, each number leading
    to those pages in the translation status report."""

    name = "translation_summary"
    template_name = "dcaht/home/translation_summary.html"
    order = 150  # After the background work warning, before the pages awaiting moderation.
    statuses = (OUTDATED, MISSING, CURRENT)

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
