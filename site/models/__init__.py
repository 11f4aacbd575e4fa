"""The hub's core models: the abstract `BasePage` and the shared network entities."""

from .documents import DocumentText, document_text
from .network import (
    SHARED_ENTITIES,
    SOURCE_LOCALE_ONLY,
    Country,
    Organisation,
    Person,
    Place,
    TargetGroup,
    Theme,
)
from .pages import BasePage, HubPageQuerySet, restricted_paths

__all__ = [
    "DocumentText",
    "document_text",
    "SHARED_ENTITIES",
    "SOURCE_LOCALE_ONLY",
    "BasePage",
    "HubPageQuerySet",
    "restricted_paths",
    "Country",
    "Organisation",
    "Person",
    "Place",
    "TargetGroup",
    "Theme",
]
