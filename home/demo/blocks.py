"""The StreamField and rich-text values the demo content is written with."""


def text(html: str) -> dict:
    return {"type": "text", "value": html}


def section(heading: str, html: str) -> dict:
    return {"type": "section", "value": {"heading": heading, "text": html}}


def link(page, label: str) -> str:
    """A rich-text link to a page, shown in the reader's language."""
    return f'<a linktype="page" id="{page.pk}">{label}</a>'
