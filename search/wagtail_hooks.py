"""Admin report of the searches that found nothing, beside Wagtail's "Search terms" report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale

import django_filters

from .models import UnansweredQuery


class UnansweredQueryFilterSet(WagtailFilterSet):
    locale = django_filters.ModelChoiceFilter(label=_("Language"), queryset=Locale.objects.all())

    class Meta:
        model = UnansweredQuery
        fields = ["locale"]


class UnansweredQueriesView(ReportView):
    page_title = _("Searches without results")
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    filterset_class = UnansweredQueryFilterSet
    default_ordering = "-hits"
    index_url_name = "unanswered_searches"
    index_results_url_name = "unanswered_searches_results"
    columns = [
        Column("query_string", label=_("Search"), sort_key="query_string"),
        Column("locale", label=_("Language")),
        NumberColumn("hits", label=_("Times searched"), sort_key="hits"),
        DateColumn("last_searched_at", label=_("Last searched"), sort_key="last_searched_at"),
    ]
    export_headings = {
        "query_string": _("Search"),
        "locale.language_code": _("Language"),
        "hits": _("Times searched"),
        "last_searched_at": _("Last searched"),
    }
    list_export = list(export_headings)

    def get_base_queryset(self):
        return UnansweredQuery.objects.select_related("locale")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


@hooks.register("register_admin_urls")
def register_unanswered_searches_urls():
    return [
        path(
            "reports/unanswered-searches/",
            UnansweredQueriesView.as_view(),
            name="unanswered_searches",
        ),
        path(
            "reports/unanswered-searches/results/",
            UnansweredQueriesView.as_view(results_only=True),
            name="unanswered_searches_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_unanswered_searches_menu_item():
    return AdminOnlyMenuItem(
        _("Searches without results"),
        reverse("unanswered_searches"),
        name="unanswered-searches",
        icon_name="search",
        order=1310,
    )
