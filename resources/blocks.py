"""The blocks of resource pages: the body, a guideline's chapters and a report's key messages."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from dcaht.blocks import (
    RICH_TEXT_FEATURES,
    CaptionedImageBlock,
    DocumentBlock,
    ExternalLinkBlock,
    QuoteBlock,
)

# Ids the page templates already use; a chapter or a report's contribution never takes one of
# them as its anchor.
RESERVED_ANCHORS = frozenset(
    {
        "main",
        "site-search-q",
        "contents-heading",
        "key-messages",
        "key-messages-heading",
        "contributions",
        "contributions-heading",
    }
)


class ChapterBlock(blocks.StructBlock):
    """A titled part of a text. In a guideline, its anchor is made from its heading."""

    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Chapter")
        template = "resources/blocks/chapter_block.html"

    def clean(self, value):
        cleaned = super().clean(value)
        if not any(character.isalnum() for character in cleaned["heading"]):
            raise ValidationError(_("A heading needs at least one letter or digit."))
        return cleaned


class ResourceStreamBlock(blocks.StreamBlock):
    """What a resource is about, in prose, with quotes, images, documents and links."""

    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    section = ChapterBlock(label=_("Section"))
    quote = QuoteBlock(label=_("Quote"))
    image = CaptionedImageBlock(label=_("Image"))
    document = DocumentBlock(label=_("Document"))
    link = ExternalLinkBlock(label=_("External link"))


class ChapterStreamBlock(blocks.StreamBlock):
    """A guideline's chapters; each heading becomes an entry of the table of contents."""

    chapter = ChapterBlock()

    def clean(self, value):
        cleaned = super().clean(value)
        seen = set()
        for child in cleaned:
            heading = child.value["heading"]
            if heading.strip().casefold() in seen:
                error = ValidationError(
                    _("Two chapters have the heading “%(heading)s”: give each its own."),
                    params={"heading": heading},
                )
                raise blocks.StreamBlockValidationError(non_block_errors=ErrorList([error]))
            seen.add(heading.strip().casefold())
        return cleaned


class KeyMessageStreamBlock(blocks.StreamBlock):
    """The messages a reader should take away, one sentence or two each."""

    message = blocks.TextBlock(label=_("Key message"), icon="tick")


def chapter_anchors(headings: list[str]) -> list[str]:
    """A unique anchor for each heading, in order: its slug, numbered when already taken."""
    anchors: list[str] = []
    taken = set(RESERVED_ANCHORS)
    for position, heading in enumerate(headings, start=1):
        base = slugify(heading, allow_unicode=True) or f"chapter-{position}"
        anchor, suffix = base, 2
        while anchor in taken:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(anchor)
        anchors.append(anchor)
    return anchors
