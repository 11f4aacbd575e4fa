"""Guidelines in chapters."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail_localize.fields import TranslatableField

from dcaht import serializers
from dcaht.models import BasePage

from ..blocks import ChapterStreamBlock, chapter_anchors
from .resource import ResourcePage


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
