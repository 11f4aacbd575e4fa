"""The hub's core models: the abstract `BasePage` and the shared network entities."""

from .documents import DocumentText, document_text
from .network import (
    SHARED_ENTITIES,
    SOURCE_LOCALE_ONLY,
    Country,
    Organisation,
    OrganisationRole,
    Person,
    Place,
    TargetGroup,
    Theme,
    place_facets,
    theme_facet,
)
from .pages import BasePage, PageFeed
from .translations import (
    MinorRevision,
    PublishedTranslation,
    SourceChange,
    TranslationNotifications,
)

__all__ = [
    "DocumentText",
    "document_text",
    "SHARED_ENTITIES",
    "SOURCE_LOCALE_ONLY",
    "BasePage",
    "MinorRevision",
    "PublishedTranslation",
    "SourceChange",
    "TranslationNotifications",
    "PageFeed",
    "Country",
    "Organisation",
    "OrganisationRole",
    "Person",
    "Place",
    "TargetGroup",
    "Theme",
    "place_facets",
    "theme_facet",
]
