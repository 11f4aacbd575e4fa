from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from dcaht.blocks import (
    CaptionedImageBlock,
    DocumentBlock,
    ExternalLinkBlock,
    KeyFiguresBlock,
    QuoteBlock,
    SectionBlock,
)


class PracticeStreamBlock(blocks.StreamBlock):
    """The story of a good practice, in the sections another city needs to judge it."""

    challenge = SectionBlock(label=_("The challenge"))
    what_was_done = SectionBlock(label=_("What was done"))
    who_is_involved = SectionBlock(label=_("Who is involved"))
    results = KeyFiguresBlock()
    lessons_learned = SectionBlock(label=_("Lessons learned"))
    transfer = SectionBlock(label=_("What another city needs to transfer it"))
    quote = QuoteBlock(label=_("Quote"))
    image = CaptionedImageBlock(label=_("Image"))
    document = DocumentBlock(label=_("Document"))
    link = ExternalLinkBlock(label=_("External link"))
