"""Shared network entities: countries, places, themes, target groups, organisations, people.

Every app may use them. Those that carry text are translatable with wagtail-localize; links
between them are synchronised (they always point at the source-language record) and are shown
through `.localized`, so filters keep working in every language.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from dcaht.facets import Facet

# Pages link to the source-language records; this limits the admin's choices to them.
SOURCE_LOCALE_ONLY = Q(locale__language_code=settings.LANGUAGE_CODE)


class Country(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(
        _("code"),
        max_length=2,
        help_text=_("ISO 3166-1 alpha-2 code in lower case, for example “si” for Slovenia."),
    )

    panels = [FieldPanel("name"), FieldPanel("code")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("code")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_country_code_locale")
        ]

    def __str__(self):
        return self.name


class Place(TranslatableMixin, index.Indexed, models.Model):
    """A city or region of the network, placed on the map by its coordinates."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        REGION = "region", _("Region")
        COUNTRY = "country", _("Country-wide")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Used in filter URLs."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CITY)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="places"
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        SynchronizedField("country"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_place_slug_locale")
        ]

    def __str__(self):
        return self.name


class Theme(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Used in filter URLs."))
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        TranslatableField("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_locale")
        ]

    def __str__(self):
        return self.name


class TargetGroup(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Used in filter URLs."))

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_target_group_slug_locale"
            )
        ]

    def __str__(self):
        return self.name


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    class Kind(models.TextChoices):
        CITY_ADMINISTRATION = "city", _("City administration")
        NGO = "ngo", _("NGO")
        LAW_ENFORCEMENT = "police", _("Law enforcement")
        INTERNATIONAL = "international", _("International organisation")
        RESEARCH = "research", _("Research")
        PUBLIC_PROGRAMME = "programme", _("EU or intergovernmental programme")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("place")]),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("acronym"),
        index.AutocompleteField("name"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("acronym"),
        SynchronizedField("kind"),
        SynchronizedField("country"),
        SynchronizedField("place"),
        SynchronizedField("website"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Person(TranslatableMixin, index.Indexed, models.Model):
    """Someone who presents, contacts or speaks for the network. Names are never translated."""

    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("As they describe themselves.")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("organisation")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
    ]
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("role"),
        SynchronizedField("organisation"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name


# The records pages link to and show by name: changing one changes what those pages show.
class OrganisationRole(Orderable):
    """An organisation with a role in a page, a row of the page's inline panel: a practice's
    lead or partner, a round table's or an event's organiser. A subclass adds its `page` (a
    `ParentalKey`) and its `role`, with the choices of its kind of page."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )

    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        abstract = True


def place_facets(relation: str) -> tuple[Facet, Facet]:
    """The country and place facets of a page type linked to places through `relation`."""
    return (
        Facet("country", _("Country"), f"{relation}__country__code", model=Country, key="code"),
        Facet("place", _("Place"), f"{relation}__slug", model=Place),
    )


def theme_facet(relation: str = "themes") -> Facet:
    """The theme facet of a page type linked to themes through `relation`."""
    return Facet("theme", _("Theme"), f"{relation}__slug", model=Theme)


SHARED_ENTITIES = (Country, Place, Theme, TargetGroup, Organisation, Person)
