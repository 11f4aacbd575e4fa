"""The two ways to find pages: OpenSearch (when configured) and Wagtail's database back end.

OpenSearch answers a whole search page in one request: the page of results with their
excerpts, the exact number of matches and the count of every facet value over all the matches
(`OpenSearchEngine.search_page`). The database engine answers the ids of the matching pages,
best first, and excerpts for the pages shown; the service filters, counts and paginates those
ids itself (`search.service`). Both count the same facets by the same rules; the suite runs on
both.
"""

import functools
import html
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from opensearchpy import Q
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from opensearchpy.exceptions import TransportError

from dcaht.generation import last_used, remember
from dcaht.i18n import LANGUAGE_CODES, SHOWS_SOURCE
from dcaht.models import BasePage
from dcaht.privacy import ClosedPages

logger = logging.getLogger(__name__)

EXCERPT_LENGTH = 220
# OpenSearch's passages are whole sentences up to this length. A sentence longer than the
# passage is shown from its match on: at 220 characters, "…in Vienna." for a sentence of 230.
PASSAGE_LENGTH = 300
# What a passage may begin with (besides a capital) and end with when it holds whole sentences.
SENTENCE_STARTS = frozenset("0123456789\"“„«»‘'(¡¿")
SENTENCE_ENDS = tuple(".!?…\"”«»’')")
# The most values of one facet a search page counts (places: a few hundred).
FACET_VALUES = 1000
# The score that puts the pages of the visitor's language before the others, when a search
# covers every language: far above what matching text scores (tens at most).
FIRST = 10_000


def copies_showing_source(locale_id: int) -> list[int]:
    """The pages of a locale that show another language's text (`dcaht.i18n.SHOWS_SOURCE`), read
    once per generation."""
    return remember(
        ("copies showing the source", locale_id),
        lambda: sorted(
            Page.objects.filter(SHOWS_SOURCE, locale_id=locale_id).values_list("pk", flat=True)
        ),
    )


# How deep OpenSearch pages through results (its `index.max_result_window`).
MAX_RESULT_WINDOW = 10_000
# The most searches whose counts a process keeps in one generation (`search_page`).
COUNTED_SEARCHES = 128
# The number of distinct pages (translation groups) among matching copies: exact up to the
# threshold (OpenSearch's most), approximate beyond.
KEY_FIELD = "translation_key_filter"  # Wagtail's `Page.translation_key`, a root field
DISTINCT_PAGES = {"cardinality": {"field": KEY_FIELD, "precision_threshold": 40000}}


@dataclass
class SearchPage:
    """One page of a search's results, as OpenSearch answers it."""

    total: int  # every match, after the filters
    ids: list[int] = field(default_factory=list)  # the pages of this page of results, in order
    titles: dict[int, str] = field(default_factory=dict)
    locales: dict[int, int] = field(default_factory=dict)  # their locale ids
    keys: dict[int, str] = field(default_factory=dict)  # their translation keys
    excerpts: dict[int, SafeString] = field(default_factory=dict)
    held: dict[int, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # their facets
    days: dict[int, date | None] = field(default_factory=dict)
    counts: dict[str, Counter] = field(default_factory=dict)  # over every match


class EngineUnavailable(Exception):
    """The search engine did not answer."""


class DatabaseEngine:
    """Wagtail's database back end: SQLite FTS5 locally, PostgreSQL full text in production."""

    name = "database"

    def __init__(self, backend_name: str):
        self.backend_name = backend_name

    def matches(self, query: str, locale_ids: list[int], limit: int, language_codes=()):
        """The ids of the matching live pages, best first."""
        if not query.strip():
            return []
        pages = Page.objects.live().filter(locale_id__in=locale_ids)
        results = pages.search(query, backend=self.backend_name, operator="or")[:limit]
        return [page.pk for page in results]

    def excerpts(self, query: str, pages: list[Page], language_codes=()) -> dict:
        return text_excerpts(query, pages)


class OpenSearchEngine:
    """OpenSearch, queried with the client's DSL so that each language uses its analyzer.

    Wagtail's own query API cannot choose the fields of a language (`search_content_de`) nor
    ask for highlights, so the query is written here against the index Wagtail maintains.
    """

    name = "opensearch"
    # How long an index found out of date is not asked again (`ensure_current_index`).
    RECHECK_SECONDS = 60

    def __init__(self, backend):
        self.backend = backend
        self.index_is_current = False
        self.out_of_date_until = 0.0

    def ensure_current_index(self) -> None:
        """Raise EngineUnavailable while the index lacks the fields a search reads: an index
        built by an earlier version (upgraded without `manage.py update_index`) would find
        nothing. Asked once per process, and again a minute after a failed check."""
        if self.index_is_current:
            return
        if time.monotonic() < self.out_of_date_until:
            raise EngineUnavailable("The search index is out of date.")
        try:
            mappings = self.backend.es.indices.get_mapping(index=self.index_name)
        except (OpenSearchConnectionError, TransportError) as error:
            raise EngineUnavailable(str(error)) from error
        fields = {
            name for index in mappings.values() for name in index["mappings"].get("properties", {})
        }
        wanted = {name for names in self.language_fields(LANGUAGE_CODES) for name in names}
        missing = sorted(wanted - fields)
        if missing:
            self.out_of_date_until = time.monotonic() + self.RECHECK_SECONDS
            logger.error(
                "The search index %s lacks %s: rebuild it with `manage.py update_index`.",
                self.index_name,
                ", ".join(missing),
            )
            raise EngineUnavailable("The search index is out of date.")
        self.index_is_current = True

    # modelsearch names a field defined below the index's root model (Page) after the model
    # that defines it: BasePage's `search_content_de` is `dcaht_basepage__search_content_de`.
    prefix = f"{BasePage._meta.app_label}_{BasePage.__name__.lower()}__"
    # What a page holds of the facets, and its day (`BasePage.search_facets`, `search_day`).
    held_field = f"{prefix}search_facets_filter"
    day_field = f"{prefix}search_day_filter"
    # A page's identity in every language.
    key_field = KEY_FIELD

    def language_fields(self, language_codes) -> list[tuple[str, str]]:
        """The title and text fields of some languages: each holds only the pages of its
        language, analysed by that language's analyzer."""
        return [
            (f"{self.prefix}search_title_{code}", f"{self.prefix}search_content_{code}")
            for code in language_codes
        ]

    def _query(self, query: str, language_codes: list[str]) -> Q:
        return Q(
            "multi_match",
            query=query,
            fields=[
                name
                for title, text in self.language_fields(language_codes)
                for name in (f"{title}^3", text)
            ],
            type="best_fields",
            tie_breaker=0.3,
            # Up to three words, all must match; a longer question, most of them.
            minimum_should_match="3<60%",
        )

    def _highlight(self, language_codes: list[str]) -> dict:
        return {
            "fields": {text: {} for _title, text in self.language_fields(language_codes)},
            "fragment_size": PASSAGE_LENGTH,
            "number_of_fragments": 1,
            "no_match_size": EXCERPT_LENGTH,
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
        }

    @staticmethod
    def _excerpt(hit: dict) -> SafeString | None:
        """The highlighted passage, with "…" where it begins or ends inside a sentence, as the
        database engine's excerpts have."""
        fragments = [text for texts in hit.get("highlight", {}).values() for text in texts]
        if not fragments:
            return None
        fragment = fragments[0].strip()
        # The highlighter escapes the text (encoder "html") and adds only the tags of `_highlight`.
        text = html.unescape(fragment.replace("<mark>", "").replace("</mark>", ""))
        prefix = "" if text[:1].isupper() or text[:1] in SENTENCE_STARTS else "…"
        suffix = "" if text.endswith(SENTENCE_ENDS) else "…"
        return mark_safe(prefix + fragment + suffix)  # noqa: S308

    def search_page(
        self,
        query: str,
        *,
        locale_ids: list[int],
        language_codes: list[str],
        wanted: dict[str, list[str]],
        facets: tuple[str, ...],
        closed: ClosedPages,
        first_locale_id: int | None = None,
        one_per_page: bool = False,
        by_date: bool = False,
        offset: int = 0,
        size: int = 10,
    ) -> SearchPage:
        """One page of results for a query, in one request (none for counts already kept): the
        live pages of some locales but the `closed` ones (`dcaht.privacy`), filtered by the `wanted`
        facet values (AND across facets, OR inside one), best first or latest first, the pages
        of `first_locale_id` before the others; with the count of each value of `facets` over
        every match, under the filters of the other facets (what choosing the value would
        give). With `one_per_page`, a page's copies in several languages are one match, the
        best of them (the one of `first_locale_id` if it matches), and count once.

        Two searches in one request. The first counts: every match, under the filters, and
        each facet's values under the other facets' filters; it scores nothing, and each
        process keeps its answer for the generation (the last COUNTED_SEARCHES searches), so
        that the next page of results, or the same search again, asks only for the second.
        The second ranks: the page of results, with their excerpts, without counting every
        match (so OpenSearch may skip those that cannot make the page)."""
        self.ensure_current_index()
        filters = {
            # A dict, not keywords: the DSL would read the "__" in the name as a dot.
            facet: Q({"terms": {self.held_field: [f"{facet}:{value}" for value in values]}})
            for facet, values in wanted.items()
            if values
        }
        scope = [Q("term", live_filter=True), Q("terms", locale_id_filter=locale_ids)]
        outside = [Q("prefix", path_filter=path) for path in closed.sections]
        if closed.keys:
            outside.append(Q("terms", translation_key_filter=sorted(closed.keys)))
        text = self._query(query, language_codes)
        kept = last_used("search counts", COUNTED_SEARCHES)
        key = (
            query,
            tuple(locale_ids),
            tuple(language_codes),
            tuple((facet, tuple(values)) for facet, values in wanted.items() if values),
            tuple(facets),
            closed,
            one_per_page,
        )
        searches = []
        if (counted := kept.get(key)) is None:
            counting = self._counting(text, scope, outside, filters, facets, one_per_page)
            searches += [{}, counting]
        if size:
            ranking = self._ranking(
                text, scope, outside, language_codes, first_locale_id, by_date, offset, size
            )
            if one_per_page:
                ranking["collapse"] = {"field": self.key_field}
            searches += [{}, ranking]
        if filters:
            everything = Q("bool", filter=list(filters.values())).to_dict()
            for search in searches[1::2]:
                search["post_filter"] = everything
        answers = iter(self._msearch(searches) if searches else [])
        if counted is None:
            counted = self._counts(next(answers), facets)
            kept.put(key, counted)
        total, counts = counted
        page = SearchPage(total=total, counts=counts)
        if size:
            self._read_hits(page, next(answers).get("hits", {}).get("hits", []))
        return page

    def _counting(
        self, text: Q, scope: list, outside: list, filters: dict, facets, one_per_page: bool
    ) -> dict:
        """The search that counts every match and the values of each facet, scoring none;
        with `one_per_page`, the distinct pages (translation keys) rather than their copies."""
        aggs = {
            facet: self._facet_aggregation(facet, self.held_field, filters, one_per_page)
            for facet in facets
        }
        if one_per_page:
            # Aggregations ignore the post filter: the facets' filters apply here.
            aggs["pages"] = {
                "filter": Q("bool", filter=list(filters.values())).to_dict(),
                "aggs": {"distinct": DISTINCT_PAGES},
            }
        return {
            "query": Q("bool", filter=[text, *scope], must_not=outside).to_dict(),
            "size": 0,
            "track_total_hits": True,
            "aggs": aggs,
        }

    def _ranking(
        self, text, scope, outside, language_codes, first_locale_id, by_date, offset, size
    ) -> dict:
        """The search that ranks the page of results and highlights their excerpts."""
        # The pages of one language first: a score above any a text can earn (a script
        # sorting them would read every match).
        # Not its copies that show another language's text (aliases, translations not begun):
        # those are pages of the source language, found as such.
        first = (
            [
                Q(
                    "constant_score",
                    filter=Q(
                        "bool",
                        filter=[Q("term", locale_id_filter=first_locale_id)],
                        must_not=[Q("terms", pk=copies_showing_source(first_locale_id))],
                    ),
                    boost=FIRST,
                )
            ]
            if first_locale_id is not None
            else []
        )
        sort = [{self.day_field: {"order": "desc", "missing": "_last"}}] if by_date else []
        sort.append("_score")
        return {
            "query": Q("bool", must=[text], filter=scope, must_not=outside, should=first).to_dict(),
            "sort": sort,
            "from": offset,
            "size": size,
            "track_total_hits": False,
            "_source": False,
            "stored_fields": "_none_",
            "docvalue_fields": [
                "pk",
                "title_filter",
                "locale_id_filter",
                self.key_field,
                self.held_field,
                {"field": self.day_field, "format": "yyyy-MM-dd"},
            ],
            "highlight": self._highlight(language_codes),
        }

    def _read_hits(self, page: SearchPage, hits: list[dict]) -> None:
        """The ranked pages' ids, titles, locales, facet values, days and excerpts."""
        for hit in hits:
            fields = hit["fields"]
            page_id = int(fields["pk"][0])
            page.ids.append(page_id)
            page.titles[page_id] = fields["title_filter"][0]
            page.locales[page_id] = int(fields["locale_id_filter"][0])
            page.keys[page_id] = fields[self.key_field][0]
            held = {}
            for value in fields.get(self.held_field, []):
                facet, _colon, held_value = value.partition(":")
                held.setdefault(facet, []).append(held_value)
            page.held[page_id] = {facet: tuple(values) for facet, values in held.items()}
            day = fields.get(self.day_field)
            page.days[page_id] = date.fromisoformat(day[0]) if day else None
            if (excerpt := self._excerpt(hit)) is not None:
                page.excerpts[page_id] = excerpt

    @staticmethod
    def _facet_aggregation(
        facet: str, held_field: str, filters: dict[str, Q], one_per_page: bool = False
    ) -> dict:
        """The count of each value of a facet, under the filters of the other facets: of the
        matching copies, or with `one_per_page` of the distinct pages among them."""
        values = {
            "terms": {
                "field": held_field,
                "include": f"{re.escape(facet)}:.*",
                "size": FACET_VALUES,
            }
        }
        if one_per_page:
            values["aggs"] = {"distinct": DISTINCT_PAGES}
        return {
            "filter": Q(
                "bool", filter=[f for other, f in filters.items() if other != facet]
            ).to_dict(),
            "aggs": {"values": values},
        }

    def _msearch(self, searches: list[dict]) -> list[dict]:
        try:
            answers = self.backend.es.msearch(
                body=searches,
                index=self.index_name,
                filter_path=[
                    "responses.status",  # Keeps an answer with nothing else in its place.
                    "responses.error",
                    "responses.hits.total",
                    "responses.hits.hits.fields",
                    "responses.hits.hits.highlight",
                    "responses.aggregations",
                ],
            )["responses"]
        except (OpenSearchConnectionError, TransportError) as error:
            raise EngineUnavailable(str(error)) from error
        if errors := [answer["error"] for answer in answers if "error" in answer]:
            raise EngineUnavailable(str(errors[0]))
        return answers

    @staticmethod
    def _counts(counted: dict, facets) -> tuple[int, dict[str, Counter]]:
        """The number of matches, and the count of each value of each facet."""
        aggregations = counted.get("aggregations", {})
        counts = {}
        for facet in facets:
            buckets = aggregations.get(facet, {}).get("values", {}).get("buckets", [])
            counts[facet] = Counter(
                {
                    bucket["key"].partition(":")[2]: bucket["distinct"]["value"]
                    if "distinct" in bucket
                    else bucket["doc_count"]
                    for bucket in buckets
                }
            )
        if "pages" in aggregations:
            return aggregations["pages"]["distinct"]["value"], counts
        return counted.get("hits", {}).get("total", {}).get("value", 0), counts

    @property
    def index_name(self) -> str:
        return self.backend.get_index_for_model(Page).name


@functools.cache
def engines():
    """The engine to ask first, and the one to fall back to when it does not answer: built
    once per process, so that searches share the client and its connections to OpenSearch
    (building them took a tenth of a page's time)."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    default = get_search_backend("default")
    if hasattr(default, "es"):
        fallback = DatabaseEngine("database") if "database" in backends else None
        return OpenSearchEngine(default), fallback
    return DatabaseEngine("default"), None


@receiver(setting_changed)
def forget_engines(*, setting, **kwargs):
    if setting == "WAGTAILSEARCH_BACKENDS":
        engines.cache_clear()


def text_excerpts(query: str, pages: list[Page]) -> dict[int, SafeString]:
    """The passage of each page around the first term, from the text the database back end
    indexed for it (one query, whatever the pages), or from its title."""
    fields = {field.name for field in IndexEntry._meta.get_fields()}
    text_field = "body_text" if "body_text" in fields else "body"  # PostgreSQL, or SQLite
    texts = {
        (content_type_id, object_id): text
        for content_type_id, object_id, text in IndexEntry.objects.filter(
            content_type_id__in={page.content_type_id for page in pages},
            object_id__in=[str(page.pk) for page in pages],
        ).values_list("content_type_id", "object_id", text_field)
    }
    excerpts = {}
    for page in pages:
        # The indexed text begins with the title, which the result's heading shows already.
        text = texts.get((page.content_type_id, str(page.pk)), "").strip()
        excerpts[page.pk] = make_excerpt(text.removeprefix(page.title).strip() or page.title, query)
    return excerpts


def make_excerpt(text: str, query: str, length: int = EXCERPT_LENGTH) -> SafeString:
    """A passage of `text` around the first query term, in whole words (a word longer than
    the passage is cut), escaped, with the terms in <mark>. A term matches the words that
    begin as it does, but for its last two letters (a light stemming that works in every
    language: "shelters" marks "shelter", "Menschenhandels" marks "Menschenhandel")."""
    words = set(re.findall(r"\w{2,}", query.lower()))
    terms = sorted({word[: max(4, len(word) - 2)] for word in words}, key=len, reverse=True)
    text = " ".join(text.split())
    pattern = (
        re.compile(r"\b(" + "|".join(re.escape(term) for term in terms) + r")\w*", re.I)
        if terms
        else None
    )
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > length // 3:
        start = first.start() - length // 3
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else first.start()
    end = start + length
    if end < len(text):
        space = text.rfind(" ", first.end() if first else start, end)
        end = space if space != -1 else end
    window = text[start:end]
    marked = []
    position = 0
    for match in pattern.finditer(window) if pattern else ():
        marked.append(escape(window[position : match.start()]))
        marked.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    marked.append(escape(window[position:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(marked) + suffix)  # noqa: S308 - every part escaped
