"""The network's library: its index, and the resource every kind of resource is."""

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalManyToManyField

from dcaht import serializers
from dcaht.facets import Facet, year_facet
from dcaht.i18n import localize_all, localized_names
from dcaht.models import (
    SOURCE_LOCALE_ONLY,
    BasePage,
    Organisation,
    PageFeed,
    Theme,
    document_text,
    theme_facet,
)
from dcaht.privacy import public
from dcaht.schema_org import article

from ..blocks import ResourceStreamBlock


class ResourceIndexPage(BasePage):
    """Every resource of the network, filterable by kind, theme and year."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "resources.ResourcePage",
        "resources.RoundTableReportPage",
        "resources.GuidelinePage",
    ]

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    translatable_fields = [*BasePage.translatable_fields, TranslatableField("introduction")]

    feeds = (
        PageFeed("resources", "resources.ResourcePage"),
        PageFeed("reports", "resources.RoundTableReportPage"),
    )

    api_fields = serializers.INTRODUCTION_API_FIELDS

    class Meta:
        verbose_name = _("resource index page")

    def get_context(self, request, *args, **kwargs):
        from ..filters import ResourceFilter  # The filters refer to this module's models.

        context = super().get_context(request, *args, **kwargs)
        resources = public(ResourcePage.objects.child_of(self).live())
        # Its live, public children: what they are changes only with a new generation.
        listing = ResourceFilter(request.GET, resources, key=("children of", self.pk))
        context.update(listing.context())
        return context


class ResourcePage(BasePage):
    """A legal instrument, study, toolkit, hotline or report: what it is, who issued it, where
    to get it, and why it matters to cities."""

    search_result_date = "year"

    class Kind(models.TextChoices):
        REPORT = "report", _("Report")
        GUIDELINE = "guideline", _("Guideline")
        LEGAL_INSTRUMENT = "legal-instrument", _("Legal instrument")
        STUDY = "study", _("Study")
        TOOLKIT = "toolkit", _("Toolkit")
        HOTLINE = "hotline", _("Hotline")

    # Subclasses set their kind here; editors of those pages are not asked for it.
    fixed_kind: str | None = None

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    issuing_body = models.ForeignKey(
        Organisation,
        verbose_name=_("issuing body"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issued_resources",
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year it was adopted or published. Leave empty when it is not known."),
    )
    external_link = models.URLField(
        _("external link"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Where to read it on the issuer's website."),
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The file readers can download, for example the PDF."),
    )
    themes = ParentalManyToManyField(
        Theme,
        verbose_name=_("themes"),
        related_name="resources",
        blank=True,
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )
    body = StreamField(ResourceStreamBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    facets = (
        Facet("kind", _("Kind"), "kind", choices=tuple(Kind.choices)),
        theme_facet(),
        year_facet("year"),
    )
    in_site_feed = True
    open_graph_type = "article"

    details_panel = MultiFieldPanel(
        [
            FieldPanel("issuing_body"),
            FieldRowPanel([FieldPanel("year"), FieldPanel("external_link")]),
            FieldPanel("document"),
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        ],
        heading=_("Details"),
    )
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        details_panel,
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.FilterField("kind"),
        index.FilterField("year"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        # Kind and year are what the index filters on: the same in every language.
        SynchronizedField("kind", overridable=False),
        SynchronizedField("issuing_body"),
        SynchronizedField("year", overridable=False),
        # Translators may point to the text in their language (EUR-Lex, a translated PDF).
        SynchronizedField("external_link"),
        SynchronizedField("document"),
        SynchronizedField("themes"),
        TranslatableField("body"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("kind", serializer=serializers.LabelledChoiceField("kind")),
        APIField("year"),
        APIField("issuing_body", serializer=serializers.IssuingBodyField()),
        APIField("external_link"),
        APIField("document", serializer=serializers.DocumentField()),
        APIField("themes", serializer=serializers.ThemesField()),
        APIField("body", serializer=serializers.RenderedStreamField("body")),
    ]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def clean(self):
        self.apply_fixed_values()
        super().clean()

    def save(self, *args, **kwargs):
        self.apply_fixed_values()
        return super().save(*args, **kwargs)

    search_select_related = ("issuing_body", "document__collection")
    search_prefetch_related = ("themes",)

    @staticmethod
    def issue_day(year: int | None) -> dt.date | None:
        """The day a resource issued in `year` sorts by "latest first": the year's first day
        (below what the hub published during that year), not the day the hub published it;
        none when the year is not known (it comes last)."""
        return dt.date(year, 1, 1) if year else None

    def result_day(self) -> dt.date | None:
        return self.issue_day(self.year)

    @classmethod
    def result_days(cls, pages):
        return {pk: cls.issue_day(year) for pk, year in pages.values_list("pk", "year")}

    def extra_search_text(self) -> list[str]:
        """Names of the issuer and themes, and the text of the attached PDF document."""
        linked = [self.issuing_body, *self.themes.all()]
        return [*localized_names(linked, self.locale), document_text(self.document)]

    def apply_fixed_values(self) -> None:
        """Set what a subclass decides for its editors (its kind; a report's year)."""
        if self.fixed_kind:
            self.kind = self.fixed_kind

    @cached_property
    def linked_themes(self) -> list[Theme]:
        """The resource's themes, read once per request: the page and its schema.org data
        (`structured_data`) both show them."""
        return list(self.themes.all())

    def structured_data(self, request, image):
        return [article(self, request, image, themes=self.linked_themes)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = self.linked_themes
        issuing_body = self.issuing_body
        localized = localize_all([*themes, *([issuing_body] if issuing_body else [])])
        context.update(
            issuing_body=localized[(Organisation, issuing_body.pk)] if issuing_body else None,
            themes=[localized[(Theme, theme.pk)] for theme in themes],
        )
        return context


@receiver(post_save, sender=get_document_model())
def reindex_pages_of_document(sender, instance, **kwargs):
    """A replaced file, or one moved to another collection, changes what its pages say:
    search must see the new text at once."""
    for page in ResourcePage.objects.filter(document=instance).specific():
        index.insert_or_update_object(page)


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def reindex_pages_of_collection(sender, instance, **kwargs):
    """A collection closed or opened: its documents' text leaves or joins their pages'."""
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:  # Deleted with its documents.
        return
    pages = ResourcePage.objects.filter(document__collection__path__startswith=collection.path)
    for page in pages.specific():
        index.insert_or_update_object(page)
