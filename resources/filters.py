"""The resource index's filters: kind, theme and year."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from dcaht.filters import Facet, FacetedListing, parse_year
from dcaht.i18n import localize_all
from dcaht.models import Organisation, Theme

from .models import ResourcePage


class ResourceFilter(FacetedListing):
    facets = (
        Facet("kind", _("Kind"), "kind", choices=tuple(ResourcePage.Kind.choices)),
        Facet("theme", _("Theme"), "themes__slug", model=Theme),
        Facet("year", _("Year"), "year", parse=parse_year),
    )
    sorts = {
        # The most recent year first; resources without a year after them, newest page first.
        "newest": (
            _("Newest first"),
            (F("year").desc(nulls_last=True), "-first_published_at", "title"),
        ),
        "title": (_("A–Z"), ("title",)),
    }
    default_sort = "newest"

    def fetch(self, queryset):
        return super().fetch(queryset).select_related("issuing_body").prefetch_related("themes")

    def cards(self, resources):
        themes = [theme for resource in resources for theme in resource.themes.all()]
        bodies = [resource.issuing_body for resource in resources if resource.issuing_body]
        localized = localize_all([*themes, *bodies], self.locale)
        return [
            {
                "page": resource,
                "kind": resource.get_kind_display(),
                "issuing_body": (
                    localized[(Organisation, resource.issuing_body_id)]
                    if resource.issuing_body
                    else None
                ),
                "themes": [localized[(Theme, theme.pk)] for theme in resource.themes.all()],
            }
            for resource in resources
        ]
