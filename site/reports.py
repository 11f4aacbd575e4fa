"""Admin report: the state of every page's translation in every locale, with CSV export."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
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
