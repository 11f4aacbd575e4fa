"""The resource index's filters: kind, theme and year."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from dcaht.filters import FacetedListing
from dcaht.i18n import localize_all

from .models import ResourcePage


class ResourceFilter(FacetedListing):
    facets = ResourcePage.facets_named("kind", "theme", "year")
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
        return super().fetch(queryset).select_related("issuing_body")

    def cards(self, resources):
        bodies = [resource.issuing_body for resource in resources if resource.issuing_body]
        localized = localize_all(bodies, self.locale)
        return [
            {
                "page": resource,
                "kind": resource.get_kind_display(),
                "issuing_body": localized(resource.issuing_body),
                "themes": self.names_held("theme", resource.pk),
            }
            for resource in resources
        ]
