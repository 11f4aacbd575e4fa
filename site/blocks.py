"""StreamField blocks shared by the hub's page types. Each renders with `templates/blocks/`."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class SectionBlock(blocks.StructBlock):
    """A titled section of prose. The heading defaults to the block's label (“The challenge”)."""

    heading = blocks.CharBlock(
        label=_("heading"),
        required=False,
        help_text=_("Leave empty to use the section's standard heading."),
    )
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        template = "blocks/section_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = value.get("heading") or self.label
        # The standard heading is the reader's interface, whatever the language of the text.
        context["standard_heading"] = not value.get("heading")
        return context


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("figure"), max_length=30, help_text=_("For example “500”."))
    label = blocks.CharBlock(
        label=_("what it counts"), max_length=200, help_text=_("For example “victims rescued”.")
    )

    class Meta:
        icon = "pick"


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("figures"), min_num=0)
    note = blocks.RichTextBlock(label=_("results"), required=False, features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "table"
        template = "blocks/key_figures_block.html"
        label = _("Results and key figures")

    def clean(self, value):
        cleaned = super().clean(value)
        if not cleaned["figures"] and not cleaned["note"].source.strip():
            raise ValidationError(_("Give at least one key figure or describe the results."))
        return cleaned


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), max_length=150)
    role = blocks.CharBlock(label=_("their role"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=150)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"), required=False, help_text=_("Leave empty to use the document's title.")
    )

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/document_block.html"


class ExternalLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("address"))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "link-external"
        template = "blocks/external_link_block.html"

    def clean(self, value):
        cleaned = super().clean(value)
        if not cleaned["url"].startswith(("https://", "http://")):
            raise ValidationError(_("Only web addresses (http or https) can be linked."))
        return cleaned
