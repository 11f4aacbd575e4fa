"""The hub's core models: the abstract `BasePage` and the shared network entities."""

from .network import Country, Organisation, Person, Place, TargetGroup, Theme
from .pages import BasePage

__all__ = ["BasePage", "Country", "Organisation", "Person", "Place", "TargetGroup", "Theme"]
