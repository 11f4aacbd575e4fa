"""Round-table reports: who met, where, what each speaker said, what to take away."""

import datetime as dt

from django import forms
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey

from dcaht import serializers
from dcaht.blocks import RICH_TEXT_FEATURES
from dcaht.i18n import localize_all, localized_names, public_translation
from dcaht.models import (
    SOURCE_LOCALE_ONLY,
    BasePage,
    OrganisationRole,
    Person,
    Place,
    place_facets,
)
from practices.models import Presentation, speakers_field

from ..blocks import KeyMessageStreamBlock, chapter_anchors
from .resource import ResourcePage


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

    facets = (*ResourcePage.facets, *place_facets("place"))

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

    def result_day(self) -> dt.date | None:
        return self.meeting_date or super().result_day()

    @classmethod
    def result_days(cls, pages):
        return {
            pk: meeting_date or cls.issue_day(year)
            for pk, year, meeting_date in pages.values_list("pk", "year", "meeting_date")
        }

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
            practice = public_translation(item.practice, local)
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


class ReportOrganisation(OrganisationRole):
    """An organisation behind a round table, in the order the report names them."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        PARTNER = "partner", _("In cooperation with")

    page = ParentalKey(
        RoundTableReportPage, on_delete=models.CASCADE, related_name="organisation_links"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.ORGANISER)

    class Meta(OrganisationRole.Meta):
        verbose_name = _("organiser of a round table")


class ReportContribution(Presentation):
    """What one or more speakers said at a round table, and the practice they presented.

    A contribution may have several speakers: two people presented Barcelona's practice
    together. Its text is translated with the report; its speakers and practice are
    synchronised and shown in the reader's language.
    """

    page = ParentalKey(RoundTableReportPage, on_delete=models.CASCADE, related_name="contributions")
    speakers = speakers_field(
        help_text=_("Each speaker's organisation is the one recorded on the person.")
    )
    title = models.CharField(
        _("title"), max_length=255, help_text=_("The subject of the contribution.")
    )
    summary = RichTextField(_("summary"), features=RICH_TEXT_FEATURES)

    panels = [
        FieldPanel("speakers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("practice"),
    ]
    translatable_fields = [*Presentation.translatable_fields, TranslatableField("summary")]

    class Meta(Presentation.Meta):
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
