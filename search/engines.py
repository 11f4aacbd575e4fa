"""The two ways to find pages: OpenSearch (when configured) and Wagtail's database back end.

Both answer the same questions: the ids of the live pages of some locales that match a query,
best first; and, for the pages shown, an excerpt with the terms marked. Everything else (filters,
facets, pagination, permissions) is done by the service on those ids, the same way for both,
so a search gives the same facets whichever engine answered.
"""

import functools
import re

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from opensearchpy import Q, Search
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from opensearchpy.exceptions import TransportError

from dcaht.models import BasePage

EXCERPT_LENGTH = 220


class EngineUnavailable(Exception):
    """The search engine did not answer."""


class DatabaseEngine:
    """Wagtail's database back end: SQLite FTS5 locally, PostgreSQL full text in production."""

    name = "database"

    def __init__(self, backend_name: str):
        self.backend_name = backend_name

    def matches(self, query: str, locale_ids: list[int], limit: int, language_codes=()):
        """The ids of the matching live pages, best first."""
        # modelsearch 1.3's SQLite back end quotes each term without escaping quotes inside it.
        query = " ".join(query.replace('"', " ").split())
        if not query:
            return []
        pages = Page.objects.live().filter(locale_id__in=locale_ids)
        results = pages.search(query, backend=self.backend_name, operator="or")[:limit]
        return [page.pk for page in results]

    def excerpts(self, query: str, pages: list[Page], language_codes=()) -> dict:
        return text_excerpts(query, pages)


class OpenSearchEngine:
    """OpenSearch, queried with the client's DSL so that each language uses its analyzer.

    Wagtail's own query API cannot choose the analysed sub-fields (`search_content.de`) nor
    ask for highlights, so the query is written here against the index Wagtail maintains.
    """

    name = "opensearch"

    def __init__(self, backend):
        self.backend = backend

    # modelsearch names a field defined below the index's root model (Page) after the model
    # that defines it: BasePage's `search_content` is `dcaht_basepage__search_content`.
    prefix = f"{BasePage._meta.app_label}_{BasePage.__name__.lower()}__"

    def fields(self, language_codes: list[str]) -> list[str]:
        title, content = f"{self.prefix}search_title", f"{self.prefix}search_content"
        fields = [f"{title}^3", content]
        for code in language_codes:
            fields += [f"{title}.{code}^3", f"{content}.{code}"]
        return fields

    def _query(self, query: str, language_codes: list[str]) -> Q:
        return Q(
            "multi_match",
            query=query,
            fields=self.fields(language_codes),
            type="best_fields",
            tie_breaker=0.3,
            # Up to three words, all must match; a longer question, most of them.
            minimum_should_match="3<60%",
        )

    def _hits(self, search: Search, keys: list[str]) -> list[dict]:
        """The hits of a search, as the client's raw answer cut to `keys` (below each hit):
        the DSL's wrapping of a thousand hits costs more than the search."""
        try:
            response = self.backend.es.search(
                index=self.index_name,
                body=search.to_dict(),
                filter_path=[f"hits.hits.{key}" for key in keys],
            )
        except (OpenSearchConnectionError, TransportError) as error:
            raise EngineUnavailable(str(error)) from error
        return response.get("hits", {}).get("hits", [])

    def matches(self, query: str, locale_ids: list[int], limit: int, language_codes=()):
        search = (
            Search(using=self.backend.es, index=self.index_name)
            .query(self._query(query, list(language_codes)))
            .filter("term", live_filter=True)
            .filter("terms", locale_id_filter=locale_ids)
            .source(False)
            # Only the primary key, from doc values: reading each hit's stored `_id` as well
            # costs three times the whole search with a thousand hits.
            .extra(size=limit, stored_fields="_none_", docvalue_fields=["pk"])
        )
        return [int(hit["fields"]["pk"][0]) for hit in self._hits(search, ["fields.pk"])]

    def excerpts(self, query: str, pages: list[Page], language_codes=()) -> dict:
        """The passage of each page that matches best, terms in <mark>: asked only for the
        pages shown, as highlighting every match would cost more than the search itself."""
        codes = list(language_codes)
        content = f"{self.prefix}search_content"
        fields = [f"{content}.{code}" for code in codes] or [content]
        search = (
            Search(using=self.backend.es, index=self.index_name)
            .query(self._query(query, codes))
            .filter("terms", pk=[str(page.pk) for page in pages])
            .highlight(
                *fields,
                fragment_size=EXCERPT_LENGTH,
                number_of_fragments=1,
                no_match_size=EXCERPT_LENGTH,
            )
            .highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
            .source(False)
            .extra(size=len(pages), docvalue_fields=["pk"])
        )
        excerpts = {}
        for hit in self._hits(search, ["fields.pk", "highlight"]):
            highlight = hit.get("highlight", {})
            fragments = [text for field in fields for text in highlight.get(field, [])]
            if fragments:
                # The highlighter escapes the text (encoder "html") and adds only <mark> tags.
                excerpts[int(hit["fields"]["pk"][0])] = mark_safe(fragments[0])  # noqa: S308
        return excerpts

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
    return {
        page.pk: make_excerpt(texts.get((page.content_type_id, str(page.pk))) or page.title, query)
        for page in pages
    }


def make_excerpt(text: str, query: str, length: int = EXCERPT_LENGTH) -> SafeString:
    """A passage of `text` around the first query term, escaped, with the terms in <mark>."""
    terms = sorted(set(re.findall(r"\w{2,}", query.lower())), key=len, reverse=True)
    text = " ".join(text.split())
    if not terms:
        return escape(text[:length])
    pattern = re.compile(r"\b(" + "|".join(re.escape(term) for term in terms) + r")\w*", re.I)
    first = pattern.search(text)
    start = max(0, first.start() - length // 3) if first else 0
    window = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    marked = []
    position = 0
    for match in pattern.finditer(window):
        marked.append(escape(window[position : match.start()]))
        marked.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    marked.append(escape(window[position:]))
    return mark_safe(prefix + "".join(marked) + suffix)  # noqa: S308 - every part escaped
