"""The one search service: the search page, the autocomplete endpoint and the API call it.

A search page shows ten results of the live, public pages of one language (or all), with an
excerpt each, and the count of each value of the facets (type, theme, country, place, year)
under the filters chosen (AND across facets, OR inside one), sorted by relevance or date.
OpenSearch answers all of it in one request (`answer_by_engine`); with the database engine,
this module filters, counts, sorts and paginates the engine's best matches itself
(`answer_by_matches`). When OpenSearch does not answer, the database engine answers instead
and the outcome says so.
"""

import difflib
import logging
import re
from collections import Counter
from datetime import date
from itertools import chain

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page, get_page_models

from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from opensearchpy.exceptions import TransportError

from dcaht.cache import cached_fragments
from dcaht.facets import Option, active_filter, facet_entry, query_values
from dcaht.generation import remember
from dcaht.i18n import active_locale, all_locales, entity_names, written_in, written_versions
from dcaht.models import BasePage, Country, Place, Theme
from dcaht.privacy import closed_pages, public

from .engines import (
    MAX_RESULT_WINDOW,
    EngineUnavailable,
    OpenSearchEngine,
    SearchPage,
    make_excerpt,
)
from .engines import engines as configured_engines
from .facts import FACETS, live_facts
from .outcome import PER_PAGE, Answer, AnsweredPage, FacetInfo, Hit, Outcome
from .statistics import tally

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_HITS = 1000
AUTOCOMPLETE_LIMIT = 8
FACET_LABELS = {
    "type": _("Type"),
    "theme": _("Theme"),
    "country": _("Country"),
    "place": _("Place"),
    "year": _("Year"),
}
SORTS = {"relevance": _("Relevance"), "date": _("Date")}


def clean_query(raw: str) -> str:
    """Printable text, single-spaced, of bounded length."""
    printable = "".join(char if char.isprintable() else " " for char in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def page_type_labels() -> dict[str, str]:
    """The "type" facet's values (a page model's name) and their labels, in the active
    language (translated once per generation and language in each process)."""
    return remember(
        ("page type labels", get_language()),
        lambda: {
            model._meta.model_name: str(model._meta.verbose_name).capitalize()
            for model in get_page_models()
            if issubclass(model, BasePage)  # The hub's, not Wagtail's root page.
        },
    )


def promoted_queries() -> frozenset[str]:
    """The queries with a promoted result, read once per generation."""
    return remember(
        "promoted queries",
        lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True)),
    )


def page_number(raw: str | None) -> int:
    """The page of results asked for: a positive number, else the first page."""
    return int(raw) if raw and raw.isdigit() and len(raw) < 7 and int(raw) > 0 else 1


class SearchService:
    """Search pages of one language, or all, from a request's query string."""

    def __init__(self, locale: Locale | None = None, request: HttpRequest | None = None):
        self.locale = locale or active_locale()
        self.request = request  # its site: the addresses of the results
        # The engine answering (the database, once OpenSearch did not), and the fallback.
        self.used_engine, self.fallback = configured_engines()
        self.degraded = False
        self.capped_at = None

    # Matching -------------------------------------------------------------------------

    def _locales(self, all_languages: bool) -> list[Locale]:
        return all_locales() if all_languages else [self.locale]

    def matches(self, query: str, all_languages: bool = False) -> list[int]:
        """The ids of the live, public pages the database engine finds for a query, best
        first: at most MAX_HITS, over which the facets are counted; `capped_at` says so when
        more pages matched."""
        locales = self._locales(all_languages)
        ids = [locale.id for locale in locales]
        codes = [locale.language_code for locale in locales]
        limit = MAX_HITS
        found = self.used_engine.matches(query, ids, limit, language_codes=codes)
        self.capped_at = limit if len(found) >= limit else None
        facts = live_facts(ids)
        # What `dcaht.privacy.public` leaves out: the pages a restriction closes.
        closed = closed_pages()
        found = [
            page_id
            for page_id in found
            if (item := facts.get(page_id)) is not None
            and not closed.holds(item.path, item.translation_key)
        ]
        if len(locales) > 1:
            # Across languages, the visitor's own language comes first (the sort is stable).
            found.sort(key=lambda page_id: facts[page_id].locale_id != self.locale.id)
            found = self.one_per_page(found, {m: facts[m].translation_key for m in found})
        return found

    def one_per_page(self, found: list[int], keys: dict[int, str]) -> list[int]:
        """Each page once among its copies found in several languages, in the order found,
        as the reader's language shows it: its copy there (a translation, or an alias
        showing the source's text), else the copy found."""
        own = self.reader_copies(keys.values())
        shown, seen = [], set()
        for page_id in found:
            if (key := keys[page_id]) not in seen:
                seen.add(key)
                shown.append(own.get(key, page_id))
        return shown

    def reader_copies(self, keys) -> dict[str, int]:
        """Translation key → the id of the page's live copy in the reader's language."""
        rows = (
            Page.objects.live()
            .filter(locale=self.locale, translation_key__in=set(keys))
            .values_list("translation_key", "pk")
        )
        return {str(key): page_id for key, page_id in rows}

    # The search page ------------------------------------------------------------------

    def selected_filters(self, params: QueryDict) -> dict[str, list[str]]:
        return {facet: query_values(params, facet) for facet in FACETS}

    def fall_back(self, query: str) -> None:
        """OpenSearch did not answer: the database answers this search, or nothing does."""
        if self.fallback is None or self.used_engine is self.fallback:
            raise EngineUnavailable(query)
        logger.warning("OpenSearch did not answer; the database answered %r.", query)
        self.used_engine, self.degraded = self.fallback, True

    def search(self, params: QueryDict) -> Outcome:
        query = clean_query(params.get("q", ""))
        all_languages = params.get("languages") == "all"
        sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
        outcome = Outcome(query=query, all_languages=all_languages, sort=sort)
        if not query:
            return outcome
        selected = self.selected_filters(params)
        locales = self._locales(all_languages)
        answer = None
        if isinstance(self.used_engine, OpenSearchEngine):
            try:
                answer = self.answer_by_engine(query, locales, selected, sort, params.get("page"))
            except EngineUnavailable:
                self.fall_back(query)
        if answer is None:
            answer = self.answer_by_matches(
                query, all_languages, selected, sort, params.get("page")
            )
        outcome.engine, outcome.degraded = self.used_engine.name, self.degraded
        outcome.total, outcome.capped_at = answer.total, answer.capped_at
        outcome.facets, outcome.active_filters = self.facet_entries(answer.counts, selected, params)
        current = answer.current
        current.object_list = self.describe(
            list(current.object_list),
            answer,
            query,
            [locale.language_code for locale in locales],
            all_languages,
        )
        outcome.hits = current
        outcome.page_range = list(answer.paginator.get_elided_page_range(current.number))
        if current.number == 1 and not any(selected.values()):
            outcome.promotions = self.promotions(query)
        self.record(query, outcome.total)
        if outcome.total == 0:
            outcome.suggestion = self.suggestion(query)
            if not all_languages:
                outcome.in_other_languages = self.count_everywhere(query)
        return outcome

    def engine_page(self, query: str, locales: list[Locale], **options) -> SearchPage:
        """OpenSearch's page of results for a query in some languages, without the closed
        pages (`OpenSearchEngine.search_page` says what `options` choose)."""
        return self.used_engine.search_page(
            query,
            locale_ids=[locale.id for locale in locales],
            language_codes=[locale.language_code for locale in locales],
            closed=closed_pages(),
            one_per_page=len(locales) > 1,
            **options,
        )

    def answer_by_engine(self, query, locales, selected, sort, page_param) -> Answer:
        """A page of results, its facet counts over every match, in one OpenSearch request."""

        def ask(number):
            return self.engine_page(
                query,
                locales,
                wanted=selected,
                facets=FACETS,
                first_locale_id=self.locale.id if len(locales) > 1 else None,
                by_date=sort == "date",
                offset=(number - 1) * PER_PAGE,
                size=PER_PAGE,
            )

        number = min(page_number(page_param), MAX_RESULT_WINDOW // PER_PAGE)
        found = ask(number)
        paginator = Paginator(AnsweredPage(found, number), PER_PAGE)
        if number > paginator.num_pages:  # Past the last page: the last page.
            number = paginator.num_pages
            found = ask(number)
            paginator = Paginator(AnsweredPage(found, number), PER_PAGE)
        if len(locales) > 1:
            self.show_in_reader_frame(found)
        return Answer(
            total=found.total,
            counts=found.counts,
            paginator=paginator,
            current=paginator.page(number),
            held=found.held,
            days=found.days,
            locales=found.locales,
            titles=found.titles,
            excerpts=found.excerpts,
        )

    def show_in_reader_frame(self, found: SearchPage) -> None:
        """Replace OpenSearch's best copy of each page (one per page) by the copy the reader's
        language shows, as `one_per_page` does; the excerpt stays only with its own copy."""
        # OpenSearch collapsed the copies: each page is found once, so the ids pair up.
        shown_ids = self.one_per_page(found.ids, found.keys)
        for page_id, shown in zip(found.ids, shown_ids, strict=True):
            if shown != page_id:
                found.held[shown] = found.held.pop(page_id)
                found.days[shown] = found.days.pop(page_id)
                found.locales.pop(page_id)
                found.locales[shown] = self.locale.id
                found.titles.pop(page_id)
                found.excerpts.pop(page_id, None)
        found.ids = shown_ids

    def answer_by_matches(self, query, all_languages, selected, sort, page_param) -> Answer:
        """A page of results from the ids of the best matches (the database engine), filtered,
        counted and sorted here from the facts of the live pages."""
        matches = self.matches(query, all_languages)
        facts = live_facts([locale.id for locale in self._locales(all_languages)])
        wanted = {facet: set(values) for facet, values in selected.items() if values}

        def passes(page_id, *, without=None):
            held = facts[page_id].held
            return all(
                not values.isdisjoint(held[facet])
                for facet, values in wanted.items()
                if facet != without
            )

        kept = [page_id for page_id in matches if passes(page_id)] if wanted else matches
        if sort == "date":
            kept.sort(key=lambda page_id: facts[page_id].day or date.min, reverse=True)
        counts = {}
        for facet in FACETS:
            # Without another facet's filter, every match counts: no test per match.
            filtered = any(values for other, values in wanted.items() if other != facet)
            counted = [m for m in matches if passes(m, without=facet)] if filtered else matches
            counts[facet] = Counter(chain.from_iterable(facts[m].held[facet] for m in counted))
        paginator = Paginator(kept, PER_PAGE)
        current = paginator.get_page(page_param)
        shown = list(current.object_list)
        return Answer(
            total=len(kept),
            counts=counts,
            paginator=paginator,
            current=current,
            held={page_id: facts[page_id].held for page_id in shown},
            days={page_id: facts[page_id].day for page_id in shown},
            locales={page_id: facts[page_id].locale_id for page_id in shown},
            capped_at=self.capped_at,
        )

    def count_everywhere(self, query: str) -> int:
        """How many pages of any language match, whatever the filters."""
        if isinstance(self.used_engine, OpenSearchEngine):
            try:
                return self.engine_page(query, all_locales(), wanted={}, facets=(), size=0).total
            except EngineUnavailable:
                self.fall_back(query)
        return len(self.matches(query, all_languages=True))

    def facet_entries(self, counts, selected, params):
        labels = self.labels(counts, selected)
        facets, active = [], []
        for facet in FACETS:
            options = [
                Option(value, labels[facet].get(value, value), count, value in selected[facet])
                for value, count in counts[facet].items()
            ]
            options += [
                Option(value, labels[facet][value], 0, True)
                for value in selected[facet]
                if value not in counts[facet] and value in labels[facet]
            ]
            reverse = facet == "year"
            options.sort(
                key=lambda option: option.value if reverse else option.label, reverse=reverse
            )
            if options:
                info = FacetInfo(facet, FACET_LABELS[facet])
                facets.append(facet_entry(params, info, options))
            active += [
                active_filter(params, facet, FACET_LABELS[facet], option, selected)
                for option in options
                if option.selected
            ]
        return facets, active

    def labels(self, counts, selected) -> dict[str, dict[str, str]]:
        def wanted(facet):
            return {*counts[facet], *selected[facet]}

        types = {key: label for key, label in page_type_labels().items() if key in wanted("type")}
        entities = {
            facet: entity_names(model, key)
            for facet, model, key in [
                ("theme", Theme, "slug"),
                ("country", Country, "code"),
                ("place", Place, "slug"),
            ]
        }
        years = {value: value for value in wanted("year") if re.fullmatch(r"\d{4}", value)}
        return {"type": types, **entities, "year": years}

    def describe(self, page_ids, answer: Answer, query, language_codes, all_languages):
        """The results shown, as `Hit`s. A result's heading (type, places, date, title and link)
        is the same in every search: it is rendered once per generation, language and site and
        kept in the cache, as the practice cards are; its excerpt depends on the query."""
        name = "search-result-all-languages" if all_languages else "search-result"
        heads = cached_fragments(
            self.request,
            name,
            page_ids,
            lambda missing: self.render_heads(missing, answer, all_languages),
        )
        excerpts = answer.excerpts
        if excerpts is None:  # The database engine: from the text it indexed.
            shown = list(Page.objects.filter(id__in=heads).only("title", "content_type_id"))
            excerpts = self.used_engine.excerpts(query, shown, language_codes)
        if missing := [page_id for page_id in heads if not excerpts.get(page_id)]:
            excerpts = {**excerpts, **self.summary_excerpts(missing, query)}
        languages = written_in(heads)
        return [
            Hit(
                page_id=page_id,
                head=head,
                day=answer.days.get(page_id),
                excerpt=excerpts.get(page_id, ""),
                language_code=languages.get(page_id, self.locale.language_code),
            )
            for page_id, head in heads.items()
        ]

    @staticmethod
    def summary_excerpts(page_ids: list[int], query: str) -> dict[int, SafeString]:
        """Excerpts of the summaries (or titles) of pages the engine gave none for: a page shown
        in the reader's language for a match in another's."""
        pages = Page.objects.filter(id__in=page_ids).specific().defer_streamfields()
        return {
            page.pk: make_excerpt(getattr(page, "summary", "") or page.title, query)
            for page in pages
        }

    def render_heads(self, page_ids, answer: Answer, all_languages) -> dict[int, SafeString]:
        """The headings of results not kept yet: only of pages still live (the index may not
        know yet that one was unpublished); the base pages suffice, in one query."""
        place_names = entity_names(Place, "slug")
        pages = list(Page.objects.live().filter(id__in=page_ids))
        languages = written_in(page.pk for page in pages)
        versions = written_versions(page.translation_key for page in pages)
        names = {code: str(name) for code, name in settings.LANGUAGES}
        reader = self.locale.language_code

        def labels(page) -> dict:
            """The language shown, when it is not the reader's or every language is searched,
            and the others the page is written in."""
            shown = languages[page.pk]
            if not all_languages and shown == reader:
                return {"language_code": shown}
            return {
                "language_code": shown,
                "language_name": names[shown],
                "also_in": [
                    names[code]
                    for code in versions.get(str(page.translation_key), ())
                    if code != shown
                ],
            }

        return {
            page.pk: render_to_string(
                "search/result_head.html",
                {
                    "page": page,
                    "type_label": str(page.specific_class._meta.verbose_name).capitalize(),
                    "places": sorted(
                        place_names.get(slug, slug)
                        for slug in answer.held.get(page.pk, {}).get("place", ())
                    ),
                    **self.result_date(page, answer),
                    **labels(page),
                    "reader_language": reader,
                    "request": self.request,
                },
            )
            for page in pages
        }

    @staticmethod
    def result_date(page: Page, answer: Answer) -> dict:
        """The date a result's heading shows, as its page type says (`search_result_date`)."""
        shown = page.specific_class.search_result_date
        if shown == "year":
            return {"year": min(answer.held.get(page.pk, {}).get("year", ()), default="")}
        return {"day": answer.days.get(page.pk) if shown == "day" else None}

    def promotions(self, query: str) -> list[Page]:
        if query.lower() not in promoted_queries():  # Most searches: no query.
            return []
        promoted = (
            SearchPromotion.objects.filter(query__query_string=query.lower())
            .select_related("page")
            .order_by("sort_order")
        )
        pages, closed = [], closed_pages()
        for promotion in promoted:
            if promotion.page is None:
                continue
            page = promotion.page.get_translation_or_none(self.locale) or promotion.page
            if page.live and not closed.holds(page.path, page.translation_key):
                pages.append(page.specific)
        return pages

    def record(self, query: str, total: int) -> None:
        """Count the search for the editors' reports (written in batches: `search.statistics`)."""
        tally.add(query, self.locale.id, answered=total > 0)

    def suggestion(self, query: str) -> str:
        """A close spelling from the titles of this language's pages, or nothing."""
        vocabulary = set()
        for title in (
            Page.objects.live().filter(locale=self.locale).values_list("title", flat=True)[:5000]
        ):
            vocabulary.update(word.lower() for word in re.findall(r"\w{3,}", title))
        words = query.lower().split()
        corrected = [
            (difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75) or [word])[0]
            for word in words
        ]
        return " ".join(corrected) if corrected != words else ""

    # Autocomplete ---------------------------------------------------------------------

    def autocomplete(self, raw: str) -> list[dict]:
        # Quotes mean nothing in a title prefix, and break modelsearch 1.3's SQLite back end.
        query = clean_query(raw.replace('"', " "))
        if len(query) < 2:
            return []
        pages = public(Page.objects.live()).filter(locale=self.locale)
        try:
            found = list(pages.autocomplete(query)[:AUTOCOMPLETE_LIMIT])
        except (OpenSearchConnectionError, TransportError):
            logger.warning("Autocomplete fell back to the database for %r.", query)
            found = list(pages.filter(title__icontains=query)[:AUTOCOMPLETE_LIMIT])
        specific = Page.objects.filter(id__in=[page.id for page in found]).specific()
        by_id = {page.id: page for page in specific}
        return [
            {
                "title": by_id[page.id].title,
                "url": by_id[page.id].url,
                "type": str(by_id[page.id]._meta.verbose_name).capitalize(),
            }
            for page in found
            if page.id in by_id
        ]
