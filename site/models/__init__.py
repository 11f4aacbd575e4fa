"""The hub's core models: the abstract `BasePage` and the shared network entities."""

from .documents import DocumentText, document_text
from .network import (
    SOURCE_LOCALE_ONLY,
    Country,
    Organisation,
    Person,
    Place,
    TargetGroup,
    Theme,
)
from .pages import BasePage

__all__ = [
    "DocumentText",
    "document_text",
    "SOURCE_LOCALE_ONLY",
    "BasePage",
    "Country",
    "Organisation",
    "Person",
    "Place",
    "TargetGroup",
    "Theme",
]
