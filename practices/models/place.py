"""The places practices come from: a page per city or region, and the map of them all."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail_localize.fields import SynchronizedField, TranslatableField

from dcaht import serializers
from dcaht.i18n import localize_all, localized_names
from dcaht.models import SOURCE_LOCALE_ONLY, BasePage, Country, Organisation, Place, place_facets
from dcaht.privacy import public

from .practice import GoodPracticePage


class PlaceIndexPage(BasePage):
    """The network on a map: every place with practices, drawn from the places' coordinates."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PlacePage"]

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("introduction")]

    api_fields = serializers.INTRODUCTION_API_FIELDS

    class Meta:
        verbose_name = _("place index page")

    def get_context(self, request, *args, **kwargs):
        from ..map import network_map

        context = super().get_context(request, *args, **kwargs)
        place_pages = list(
            public(PlacePage.objects.child_of(self).live())
            .select_related("place__country")
            .order_by("title")
        )
        context["place_pages"] = place_pages
        context["map"] = network_map(place_pages)
        return context


class PlacePage(BasePage):
    """A city or region: its practices, its organisations and what happens there."""

    search_result_date = ""  # A place is not news.

    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="pages",
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["practices.PlaceIndexPage"]
    subpage_types = []

    facets = place_facets("place")

    content_panels = [*BasePage.content_panels, FieldPanel("place"), FieldPanel("introduction")]
    translatable_fields = [
        *BasePage.translatable_fields,
        SynchronizedField("place"),
        TranslatableField("introduction"),
    ]

    api_fields = [
        *serializers.INTRODUCTION_API_FIELDS,
        APIField("place", serializer=serializers.PlaceField()),
    ]

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    search_select_related = ("place__country",)
    search_prefetch_related = ("place__organisations",)

    def result_day(self) -> None:
        """A place is not news: it comes last when results are sorted latest first."""
        return None

    @classmethod
    def result_days(cls, pages):
        return dict.fromkeys(pages.values_list("pk", flat=True))

    def extra_search_text(self) -> list[str]:
        place = self.place
        organisations = place.organisations.all()
        return localized_names([place, place.country, *organisations], self.locale)

    def clean(self):
        super().clean()
        if (
            self.place_id
            and PlacePage.objects.filter(locale_id=self.locale_id, place_id=self.place_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"place": _("This place already has a page.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        place = Place.objects.select_related("country").get(pk=self.place_id)
        organisations = list(Organisation.objects.filter(place=place).order_by("name"))
        localized = localize_all([place, place.country, *organisations])
        context.update(
            place=localized[(Place, place.pk)],
            country=localized[(Country, place.country_id)],
            organisations=[localized[(Organisation, org.pk)] for org in organisations],
            practices=public(GoodPracticePage.objects.live())
            .filter(locale_id=self.locale_id, places=self.place_id)
            .order_by("title")
            .defer_streamfields(),
        )
        return context
