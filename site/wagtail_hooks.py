"""Admin for the shared network entities, grouped under one "Network" menu."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Country, Organisation, Person, Place, TargetGroup, Theme


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["name", "code", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "country", "kind", "locale"]
    list_filter = ["locale", "kind", "country"]
    search_fields = ["name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "doc-full"
    list_display = ["name", "kind", "country", "locale"]
    list_filter = ["locale", "kind", "country"]
    search_fields = ["name", "acronym"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "role", "organisation", "locale"]
    list_filter = ["locale", "organisation"]
    search_fields = ["name", "role"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Network")
    menu_icon = "globe"
    menu_order = 200
    items = (
        PlaceViewSet,
        CountryViewSet,
        OrganisationViewSet,
        PersonViewSet,
        ThemeViewSet,
        TargetGroupViewSet,
    )


register_snippet(NetworkViewSetGroup)
