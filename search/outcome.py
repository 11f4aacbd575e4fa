"""What a search answers: the engine's page of results (`Answer`), and the outcome the search
page shows (`Outcome`, its `Hit`s)."""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.safestring import SafeString

from wagtail.models import Page

from .engines import MAX_RESULT_WINDOW, SearchPage

PER_PAGE = 10


@dataclass(frozen=True)
class FacetInfo:
    param: str
    label: str


@dataclass
class Hit:
    page_id: int
    head: SafeString  # type, places, date (and language), and the title linking to the page
    day: date | None
    excerpt: SafeString
    language_code: str


@dataclass
class Outcome:
    query: str
    all_languages: bool
    sort: str
    total: int = 0
    hits: PaginatorPage | None = None
    page_range: list = field(default_factory=list)
    facets: list[dict] = field(default_factory=list)
    active_filters: list[dict] = field(default_factory=list)
    promotions: list[Page] = field(default_factory=list)
    engine: str = ""
    degraded: bool = False
    capped_at: int | None = None  # more pages matched than this, the most the engine ranks
    suggestion: str = ""
    in_other_languages: int = 0


@dataclass
class Answer:
    """A page of results as an engine answered it, before it is described for the page."""

    total: int
    counts: dict[str, Counter]  # facet → value → matches
    paginator: Paginator
    current: PaginatorPage  # its object_list: the ids of the pages shown
    held: Mapping[int, Mapping[str, tuple[str, ...]]]  # what each page shown holds
    days: Mapping[int, date | None]
    locales: Mapping[int, int]  # the locale id of each page shown
    titles: Mapping[int, str] | None = None  # None: read with the excerpts
    excerpts: dict[int, str] | None = None  # None: asked of the engine for the pages shown
    capped_at: int | None = None


class AnsweredPage(Sequence):
    """What Django's paginator needs of a search answered one page at a time: the number of
    results, and the page asked for."""

    def __init__(self, found: SearchPage, number: int):
        self.found, self.offset = found, (number - 1) * PER_PAGE

    def __len__(self) -> int:
        return min(self.found.total, MAX_RESULT_WINDOW)

    def __getitem__(self, item):
        if isinstance(item, slice) and (item.start or 0) == self.offset:
            return self.found.ids
        raise IndexError("Only the page of results OpenSearch answered is known.")
