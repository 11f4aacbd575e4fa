"""Good practices of cities against trafficking and exploitation, and their index."""

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from dcaht import serializers
from dcaht.facets import Facet, year_facet
from dcaht.generation import remember
from dcaht.i18n import localize_all, localized_names
from dcaht.models import (
    SOURCE_LOCALE_ONLY,
    BasePage,
    Organisation,
    OrganisationRole,
    PageFeed,
    Person,
    Place,
    TargetGroup,
    Theme,
    place_facets,
    theme_facet,
)
from dcaht.privacy import public
from dcaht.schema_org import article

from ..blocks import PracticeStreamBlock


class PracticeIndexPage(RoutablePageMixin, BasePage):
    """All good practices of the network, filterable by place, theme, group and profile, and
    the public form to propose one (`propose/`, then `propose/thanks/`)."""

    # Sub-routes: a practice cannot take one of these as its slug.
    ROUTE_SLUGS = ("propose",)

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.GoodPracticePage"]

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("introduction")]

    feeds = (PageFeed("practices", "practices.GoodPracticePage"),)

    api_fields = serializers.INTRODUCTION_API_FIELDS

    class Meta:
        verbose_name = _("practice index page")

    def subpage_url(self, request, name: str) -> str:
        return self.get_url(request) + self.reverse_subpage(name)

    def get_context(self, request, *args, **kwargs):
        from ..filters import PracticeFilter  # The filters refer to this module's models.

        context = super().get_context(request, *args, **kwargs)
        practices = public(GoodPracticePage.objects.child_of(self).live())
        # Its live, public children: what they are changes only with a new generation.
        context.update(PracticeFilter(request, practices, key=("children of", self.pk)).context())
        context["propose_url"] = self.subpage_url(request, "propose")
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The listing, built by `get_context`, as before the sub-routes."""
        request.is_preview = getattr(request, "is_preview", False)
        return self.render(request)

    @path("propose/", name="propose")
    def propose(self, request):
        from ..views import propose_practice

        return propose_practice(request, self)

    @path("propose/thanks/", name="propose_thanks")
    def propose_thanks(self, request):
        from ..views import proposal_received

        return proposal_received(request, self)


class GoodPracticePage(BasePage):
    """What a city did, who did it, whether it worked, and what it takes to do it elsewhere."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Still running")
        ENDED = "ended", _("Ended")

    class CitySize(models.TextChoices):
        SMALL = "small", _("Under 50,000 inhabitants")
        MEDIUM = "medium", _("50,000 to 250,000 inhabitants")
        LARGE = "large", _("250,000 to 1 million inhabitants")
        METROPOLIS = "metropolis", _("Over 1 million inhabitants")

    class LegalBasis(models.TextChoices):
        NATIONAL_LAW = "national-law", _("National legislation")
        MUNICIPAL_DECISION = "municipal-decision", _("Municipal decision")
        AGREEMENT = "agreement", _("Cooperation agreement or memorandum")
        INTERNATIONAL = "international", _("International or European instrument")
        NONE = "none", _("No formal basis needed")

    class Budget(models.TextChoices):
        NONE = "none", _("No dedicated budget")
        SMALL = "small", _("Under €10,000 a year")
        MEDIUM = "medium", _("€10,000 to €100,000 a year")
        LARGE = "large", _("Over €100,000 a year")

    class SetupTime(models.TextChoices):
        SHORT = "short", _("Under 6 months")
        MEDIUM = "medium", _("6 to 12 months")
        LONG = "long", _("Over a year")

    places = ParentalManyToManyField(
        Place,
        verbose_name=_("places"),
        related_name="practices",
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )
    themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("themes"),
        related_name="practices",
        blank=True,
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        related_name="practices",
        blank=True,
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )
    contacts = ParentalManyToManyField(
        Person,
        verbose_name=_("contact people"),
        related_name="practices",
        blank=True,
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )
    start_year = models.PositiveSmallIntegerField(
        _("year it started"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        blank=True,
        help_text=_("Leave empty when it is not known."),
    )
    body = StreamField(PracticeStreamBlock(), verbose_name=_("body"), blank=True)

    city_size = models.CharField(
        _("size of the city"), max_length=20, choices=CitySize.choices, blank=True
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices, blank=True
    )
    budget = models.CharField(_("budget"), max_length=20, choices=Budget.choices, blank=True)
    lead_agency_kind = models.CharField(
        _("kind of lead agency"), max_length=20, choices=Organisation.Kind.choices, blank=True
    )
    setup_time = models.CharField(
        _("time to set up"), max_length=20, choices=SetupTime.choices, blank=True
    )
    partners_needed = models.TextField(
        _("partners needed"),
        blank=True,
        help_text=_("Which partners a city needs on board to do the same."),
    )

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    facets = (
        *place_facets("places"),
        theme_facet(),
        Facet("group", _("Target group"), "target_groups__slug", model=TargetGroup),
        Facet(
            "org",
            _("Kind of organisation"),
            "organisation_links__organisation__kind",
            choices=tuple(Organisation.Kind.choices),
        ),
        Facet("size", _("Size of the city"), "city_size", choices=tuple(CitySize.choices)),
        Facet("legal", _("Legal basis"), "legal_basis", choices=tuple(LegalBasis.choices)),
        Facet("budget", _("Budget"), "budget", choices=tuple(Budget.choices)),
        Facet(
            "lead",
            _("Kind of lead agency"),
            "lead_agency_kind",
            choices=tuple(Organisation.Kind.choices),
        ),
        Facet("setup", _("Time to set up"), "setup_time", choices=tuple(SetupTime.choices)),
        year_facet("start_year"),
    )
    in_site_feed = True
    open_graph_type = "article"

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("places", widget=forms.CheckboxSelectMultiple),
                InlinePanel("organisation_links", label=_("Organisations")),
                FieldPanel("contacts", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Where and who"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("status")]),
            ],
            heading=_("What and when"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city_size"), FieldPanel("legal_basis")]),
                FieldRowPanel([FieldPanel("budget"), FieldPanel("lead_agency_kind")]),
                FieldPanel("setup_time"),
                FieldPanel("partners_needed"),
            ],
            heading=_("Transferability profile"),
            classname="collapsed",
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.FilterField("start_year"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("places"),
        SynchronizedField("themes"),
        SynchronizedField("target_groups"),
        SynchronizedField("contacts"),
        SynchronizedField("organisation_links"),
        SynchronizedField("start_year"),
        SynchronizedField("status"),
        TranslatableField("body"),
        SynchronizedField("city_size"),
        SynchronizedField("legal_basis"),
        SynchronizedField("budget"),
        SynchronizedField("lead_agency_kind"),
        SynchronizedField("setup_time"),
        TranslatableField("partners_needed"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("places", serializer=serializers.PlacesField()),
        APIField("themes", serializer=serializers.ThemesField()),
        APIField("target_groups", serializer=serializers.TargetGroupsField()),
        APIField(
            "organisations", serializer=serializers.OrganisationRolesField("organisation_links")
        ),
        APIField("start_year"),
        APIField("status", serializer=serializers.LabelledChoiceField("status")),
        APIField("body", serializer=serializers.RenderedStreamField("body")),
        # The transferability profile.
        APIField("city_size", serializer=serializers.LabelledChoiceField("city_size")),
        APIField("legal_basis", serializer=serializers.LabelledChoiceField("legal_basis")),
        APIField("budget", serializer=serializers.LabelledChoiceField("budget")),
        APIField(
            "lead_agency_kind", serializer=serializers.LabelledChoiceField("lead_agency_kind")
        ),
        APIField("setup_time", serializer=serializers.LabelledChoiceField("setup_time")),
        APIField("partners_needed"),
    ]

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def clean(self):
        super().clean()
        if self.slug in PracticeIndexPage.ROUTE_SLUGS:
            raise ValidationError(
                {"slug": _("This address is taken by the practices' proposal form.")}
            )

    search_prefetch_related = (
        "places__country",
        "themes",
        "target_groups",
        "organisation_links__organisation",
        "contacts",
    )

    def extra_search_text(self) -> list[str]:
        places = list(self.places.all())
        linked = [
            *places,
            *(place.country for place in places),
            *self.themes.all(),
            *self.target_groups.all(),
            *(link.organisation for link in self.organisation_links.all()),
            *self.contacts.all(),
        ]
        return [*localized_names(linked, self.locale), self.partners_needed]

    @property
    def transferability(self) -> list[tuple[str, str]]:
        """The filled-in parts of the profile, as (label, value) pairs for display."""
        fields = ["city_size", "legal_basis", "budget", "lead_agency_kind", "setup_time"]
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, f"get_{name}_display")())
            for name in fields
            if getattr(self, name)
        ]

    @cached_property
    def linked_places(self) -> list[Place]:
        """The practice's places with their countries, read once per request: the page and
        its schema.org data (`structured_data`) both show them."""
        return list(self.places.select_related("country"))

    @cached_property
    def linked_themes(self) -> list[Theme]:
        """The practice's themes, read once per request (see `linked_places`)."""
        return list(self.themes.all())

    def structured_data(self, request, image):
        return [article(self, request, image, themes=self.linked_themes, places=self.linked_places)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        places = self.linked_places
        themes = self.linked_themes
        target_groups = list(self.target_groups.all())
        contacts = list(self.contacts.select_related("organisation"))
        links = list(self.organisation_links.select_related("organisation"))
        local = localize_all(
            [
                *places,
                *(place.country for place in places),
                *themes,
                *target_groups,
                *contacts,
                *(person.organisation for person in contacts if person.organisation),
                *(link.organisation for link in links),
            ]
        )

        context.update(
            places=[local(place) for place in places],
            countries=sorted({local(place.country) for place in places}, key=str),
            themes=[local(theme) for theme in themes],
            target_groups=[local(group) for group in target_groups],
            contacts=[
                {"person": local(person), "organisation": local(person.organisation)}
                for person in contacts
            ],
            organisations=[
                {"organisation": local(link.organisation), "role": link.get_role_display()}
                for link in links
            ],
            related_practices=self.related_practices(themes),
        )
        return context

    def related_practices(self, themes: list[Theme], limit: int = 3) -> list["GoodPracticePage"]:
        """Other practices of the same language that share one of `themes` (this practice's),
        most shared first: chosen once per generation (among hundreds of practices a theme
        holds), loaded at each request."""

        def choose():
            by_theme = remember(("practices by theme", self.locale_id), self._practices_by_theme)
            shared = Counter(pk for theme in themes for pk in by_theme.holders.get(theme.pk, ()))
            shared.pop(self.pk, None)
            return heapq.nsmallest(limit, shared, key=lambda pk: (-shared[pk], by_theme.titles[pk]))

        # Keyed by the themes too: a preview shows the themes of a draft.
        key = ("related practices", self.pk, tuple(sorted(theme.pk for theme in themes)), limit)
        best = remember(key, choose)
        pages = GoodPracticePage.objects.filter(pk__in=best).defer_streamfields().in_bulk()
        return [pages[pk] for pk in best if pk in pages]

    def _practices_by_theme(self) -> "PracticesByTheme":
        practices = public(GoodPracticePage.objects.live()).filter(locale_id=self.locale_id)
        holders = defaultdict(set)
        for pk, theme_id in GoodPracticePage.themes.through.objects.filter(
            goodpracticepage__in=practices
        ).values_list("goodpracticepage_id", "theme_id"):
            holders[theme_id].add(pk)
        return PracticesByTheme(holders, dict(practices.values_list("pk", "title")))


@dataclass(frozen=True)
class PracticesByTheme:
    """The live practices of one language holding each theme, and their titles (to sort)."""

    holders: dict[int, set[int]]
    titles: dict[int, str]


class PracticeOrganisation(OrganisationRole):
    """An organisation behind a practice, and its role in it."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead organisation")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")

    page = ParentalKey(
        GoodPracticePage, on_delete=models.CASCADE, related_name="organisation_links"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.PARTNER)

    class Meta(OrganisationRole.Meta):
        verbose_name = _("organisation of a practice")
