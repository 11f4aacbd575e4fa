"""Good practices, the places they come from, the proposals of new ones, and the presentations
of practices at meetings."""

from .place import PlaceIndexPage, PlacePage
from .practice import GoodPracticePage, PracticeIndexPage, PracticeOrganisation, PracticesByTheme
from .presentation import Presentation, speakers_field
from .proposal import Proposal

__all__ = [
    "GoodPracticePage",
    "PlaceIndexPage",
    "PlacePage",
    "PracticeIndexPage",
    "PracticeOrganisation",
    "PracticesByTheme",
    "Presentation",
    "Proposal",
    "speakers_field",
]
