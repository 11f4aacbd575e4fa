"""The network's library: legal instruments, studies, toolkits, hotlines, reports and guidelines.

`ResourcePage` is concrete and `RoundTableReportPage` and `GuidelinePage` extend it through
multi-table inheritance, so one `ResourcePage.objects` query lists, filters and counts every kind
of resource in the index, while reports and guidelines keep their own structure.
"""

import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from dcaht import serializers
from dcaht.blocks import RICH_TEXT_FEATURES
from dcaht.i18n import live_translation, localize_all, localized_names
from dcaht.models import (
    SOURCE_LOCALE_ONLY,
    BasePage,
    Organisation,
    Person,
    Place,
    Theme,
    document_text,
)
from practices.models import GoodPracticePage

from .blocks import ChapterStreamBlock, KeyMessageStreamBlock, ResourceStreamBlock, chapter_anchors


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

    api_fields = serializers.INTRODUCTION_API_FIELDS

    class Meta:
        verbose_name = _("resource index page")

    def get_context(self, request, *args, **kwargs):
        from .filters import ResourceFilter  # The filters refer to this module's models.

        context = super().get_context(request, *args, **kwargs)
        resources = ResourcePage.objects.child_of(self).live().public()
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

    search_select_related = ("issuing_body", "document")
    search_prefetch_related = ("themes",)

    @staticmethod
    def issue_day(year: int | None) -> dt.date | None:
        """The day a resource issued in `year` sorts by "latest first": the year's first day
        (below what the hub published during that year), not the day the hub published it;
        none when the year is not known (it comes last)."""
        return dt.date(year, 1, 1) if year else None

    def result_day(self) -> dt.date | None:
        return self.issue_day(self.year)

    def facet_values(self) -> dict[str, list[str]]:
        return {
            "theme": [theme.slug for theme in self.themes.all()],
            "year": [str(self.year)] if self.year else [],
        }

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
        """The resource's themes, read once per request: the page and its link-preview
        metadata (`dcaht.seo`) both show them."""
        return list(self.themes.all())

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


class RoundTableReportPage(ResourcePage):
    """The report of a round table: who met, where, what each speaker said, what to take away."""

    fixed_kind = ResourcePage.Kind.REPORT
    search_result_date = "day"  # The day of the meeting.

    meeting_date = models.DateField(_("date of the meeting"), null=True, blank=True)
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("For example “Vienna City Hall”.")
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="round_table_reports",
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )
    key_messages = StreamField(KeyMessageStreamBlock(), verbose_name=_("key messages"), blank=True)

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("meeting_date"), FieldPanel("place")]),
                FieldPanel("venue"),
                InlinePanel("organisation_links", label=_("Organisers")),
            ],
            heading=_("The meeting"),
        ),
        ResourcePage.details_panel,
        FieldPanel("body", heading=_("Report")),
        FieldPanel("key_messages"),
        InlinePanel("contributions", label=_("Contributions")),
    ]
    search_fields = [
        *ResourcePage.search_fields,
        index.FilterField("meeting_date"),
    ]
    translatable_fields = [
        *ResourcePage.translatable_fields,
        SynchronizedField("meeting_date"),
        TranslatableField("venue"),
        SynchronizedField("place"),
        SynchronizedField("organisation_links"),
        TranslatableField("key_messages"),
        TranslatableField("contributions"),
    ]

    api_fields = [
        *ResourcePage.api_fields,
        APIField("meeting_date"),
        APIField("venue"),
        APIField("place", serializer=serializers.PlaceField()),
        APIField("organisers", serializer=serializers.OrganisationRolesField("organisation_links")),
        APIField("key_messages", serializer=serializers.KeyMessagesField()),
        APIField("contributions", serializer=serializers.ContributionsField()),
    ]

    class Meta:
        verbose_name = _("round-table report")
        verbose_name_plural = _("round-table reports")

    search_select_related = (*ResourcePage.search_select_related, "place__country")
    search_prefetch_related = (
        *ResourcePage.search_prefetch_related,
        "contributions__speakers",
        "organisation_links__organisation",
    )

    def facet_values(self) -> dict[str, list[str]]:
        place = self.place
        return {
            **super().facet_values(),
            "place": [place.slug] if place else [],
            "country": [place.country.code] if place else [],
        }

    def result_day(self) -> dt.date | None:
        return self.meeting_date or super().result_day()

    def extra_search_text(self) -> list[str]:
        contributions = list(self.contributions.all())
        speakers = [person for item in contributions for person in item.speakers.all()]
        organisers = [link.organisation for link in self.organisation_links.all()]
        return [
            *super().extra_search_text(),
            self.venue,
            *localized_names([self.place, *organisers, *speakers], self.locale),
            *(item.title for item in contributions),
            *(get_text_for_indexing(item.summary) for item in contributions),
        ]

    def apply_fixed_values(self) -> None:
        super().apply_fixed_values()
        if self.meeting_date and not self.year:
            self.year = self.meeting_date.year

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = list(self.organisation_links.select_related("organisation"))
        contributions = self.contributions.all()
        if isinstance(contributions, models.QuerySet):
            contributions = contributions.select_related("practice").prefetch_related(
                Prefetch("speakers", queryset=Person.objects.select_related("organisation"))
            )
        # In a preview, the contributions are the editor's unsaved ones, held in memory.
        contributions = list(contributions)
        people = [person for item in contributions for person in item.speakers.all()]
        prefetch_related_objects(people, "organisation")
        practices = [item.practice for item in contributions if item.practice]
        place = self.place
        local = localize_all(
            [
                *(link.organisation for link in links),
                *people,
                *(person.organisation for person in people if person.organisation),
                *practices,
                *([place] if place else []),
            ]
        )

        presented = []
        cards = []
        anchors = chapter_anchors([item.title for item in contributions])
        for item, anchor in zip(contributions, anchors, strict=True):
            practice = live_translation(item.practice, local)
            if practice is not None and practice not in presented:
                presented.append(practice)
            cards.append(
                {
                    "anchor": anchor,
                    "title": item.title,
                    "summary": item.summary,
                    "practice": practice,
                    "speakers": [
                        {"person": local(person), "organisation": local(person.organisation)}
                        for person in item.speakers.all()
                    ],
                }
            )
        context.update(
            place=local(place),
            organisations=[
                {"organisation": local(link.organisation), "role": link.get_role_display()}
                for link in links
            ],
            contributions=cards,
            practices=presented,
        )
        return context


class ReportOrganisation(Orderable):
    """An organisation behind a round table, in the order the report names them."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        PARTNER = "partner", _("In cooperation with")

    page = ParentalKey(
        RoundTableReportPage, on_delete=models.CASCADE, related_name="organisation_links"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="round_table_report_links",
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.ORGANISER)

    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("organiser of a round table")


class ReportContribution(TranslatableMixin, Orderable, ClusterableModel):
    """What one or more speakers said at a round table, and the practice they presented.

    A contribution may have several speakers: two people presented Barcelona's practice
    together. Its text is translated with the report; its speakers and practice are
    synchronised and shown in the reader's language.
    """

    page = ParentalKey(RoundTableReportPage, on_delete=models.CASCADE, related_name="contributions")
    speakers = ParentalManyToManyField(
        Person,
        verbose_name=_("speakers"),
        related_name="report_contributions",
        limit_choices_to=SOURCE_LOCALE_ONLY,
        help_text=_("Each speaker's organisation is the one recorded on the person."),
    )
    title = models.CharField(
        _("title"), max_length=255, help_text=_("The subject of the contribution.")
    )
    summary = RichTextField(_("summary"), features=RICH_TEXT_FEATURES)
    practice = models.ForeignKey(
        GoodPracticePage,
        verbose_name=_("good practice presented"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_contributions",
        limit_choices_to=SOURCE_LOCALE_ONLY,
    )

    panels = [
        FieldPanel("speakers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("practice"),
    ]
    translatable_fields = [
        SynchronizedField("speakers"),
        TranslatableField("title"),
        TranslatableField("summary"),
        SynchronizedField("practice"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self):
        return self.title


class GuidelinePage(ResourcePage):
    """Guidelines in chapters, with a table of contents and the document to download."""

    fixed_kind = ResourcePage.Kind.GUIDELINE

    chapters = StreamField(ChapterStreamBlock(), verbose_name=_("chapters"), blank=True)

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    content_panels = [
        *BasePage.content_panels,
        ResourcePage.details_panel,
        FieldPanel("body", heading=_("Introduction")),
        FieldPanel("chapters"),
    ]
    translatable_fields = [*ResourcePage.translatable_fields, TranslatableField("chapters")]

    api_fields = [
        *ResourcePage.api_fields,
        APIField("chapters", serializer=serializers.ChaptersField()),
    ]

    class Meta:
        verbose_name = _("guideline")
        verbose_name_plural = _("guidelines")

    def table_of_contents(self) -> list[dict]:
        """Each chapter with its heading, its anchor (unique on the page) and its block."""
        chapters = [child for child in self.chapters if child.block_type == "chapter"]
        anchors = chapter_anchors([child.value["heading"] for child in chapters])
        return [
            {"anchor": anchor, "heading": child.value["heading"], "block": child}
            for anchor, child in zip(anchors, chapters, strict=True)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = self.table_of_contents()
        return context


@receiver(post_save, sender=get_document_model())
def reindex_pages_of_document(sender, instance, **kwargs):
    """A replaced file changes what its pages say: search must see the new text at once."""
    for page in ResourcePage.objects.filter(document=instance).specific():
        index.insert_or_update_object(page)
