"""The practice index's filters: place, theme, target group, organisations and the profile."""

from django.db import models
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from dcaht.cache import cached_fragments
from dcaht.filters import Facet, FacetedListing
from dcaht.models import Country, Organisation, Place, TargetGroup, Theme

from .models import GoodPracticePage


class PracticeFilter(FacetedListing):
    facets = (
        Facet("country", _("Country"), "places__country__code", model=Country, key="code"),
        Facet("place", _("Place"), "places__slug", model=Place),
        Facet("theme", _("Theme"), "themes__slug", model=Theme),
        Facet("group", _("Target group"), "target_groups__slug", model=TargetGroup),
        Facet(
            "org",
            _("Kind of organisation"),
            "organisation_links__organisation__kind",
            choices=tuple(Organisation.Kind.choices),
        ),
        Facet(
            "size",
            _("Size of the city"),
            "city_size",
            choices=tuple(GoodPracticePage.CitySize.choices),
        ),
        Facet(
            "legal",
            _("Legal basis"),
            "legal_basis",
            choices=tuple(GoodPracticePage.LegalBasis.choices),
        ),
        Facet("budget", _("Budget"), "budget", choices=tuple(GoodPracticePage.Budget.choices)),
        Facet(
            "lead",
            _("Kind of lead agency"),
            "lead_agency_kind",
            choices=tuple(Organisation.Kind.choices),
        ),
        Facet(
            "setup",
            _("Time to set up"),
            "setup_time",
            choices=tuple(GoodPracticePage.SetupTime.choices),
        ),
    )
    sorts = {
        "newest": (_("Newest first"), ("-first_published_at", "title")),
        "title": (_("A–Z"), ("title",)),
    }
    default_sort = "newest"

    def __init__(self, request: HttpRequest, queryset: models.QuerySet, key: tuple | None = None):
        super().__init__(request.GET, queryset, key)
        self.request = request

    def page_cards(self, pks):
        """Each practice's card as HTML, rendered once per generation, language and site."""
        cards = cached_fragments(self.request, "practice-card", pks, self.render_cards)
        return list(cards.values())

    def render_cards(self, pks) -> dict[int, str]:
        return {
            card["page"].pk: render_to_string(
                "components/practice_card.html", {"card": card, "request": self.request}
            )
            for card in self.cards(self.page_items(pks))
        }

    def cards(self, practices):
        return [
            {
                "page": practice,
                "places": self.names_held("place", practice.pk),
                "countries": self.names_held("country", practice.pk),
                "themes": self.names_held("theme", practice.pk),
            }
            for practice in practices
        ]
