"""The practice index's filters: place, theme, target group, organisations and the profile."""

from django.db import models
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from dcaht.cache import cached_fragments
from dcaht.filters import FacetedListing

from .models import GoodPracticePage


class PracticeFilter(FacetedListing):
    facets = GoodPracticePage.facets_named(
        "country", "place", "theme", "group", "org", "size", "legal", "budget", "lead", "setup"
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
