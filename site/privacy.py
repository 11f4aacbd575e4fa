"""Who may see a page or a document.

A page in thirteen languages is one page: a view restriction (login, password or groups) on any
language's copy of a page closes that page, and every page below it, in every language, its
translations and its aliases alike. Whatever serves or lists pages reads this module:
`view_restrictions(page)` when a page is served, `public(pages)` for every listing, feed,
sitemap and API answer, `closed_pages()` for the search engines' filters.

A document follows the pages it is used on: one used only on private pages is served only to
visitors who may see one of them, and the text of a document in a restricted collection is not
indexed with the pages it is attached to (`document_is_restricted`).
"""

from dataclasses import dataclass
from functools import cached_property, reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import HttpRequest

from wagtail.documents import get_document_model
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)
from wagtail.query import PageQuerySet

from .generation import remember


@dataclass(frozen=True)
class ClosedPages:
    """The pages a view restriction closes, in every language: `copies` are the tree paths of
    every copy of a restricted page (its own and its translations' and aliases') with the
    translation key they share, `sections` those of the copies with pages below them."""

    copies: tuple[tuple[str, str], ...] = ()
    sections: tuple[str, ...] = ()

    @cached_property
    def keys(self) -> frozenset[str]:
        """The translation keys of the restricted pages."""
        return frozenset(key for _path, key in self.copies)

    @cached_property
    def key_of_path(self) -> dict[str, str]:
        return dict(self.copies)

    def __bool__(self) -> bool:
        return bool(self.copies)

    def restriction_keys(self, path: str) -> set[str]:
        """The translation keys of the restricted pages that close the page at `path`: those
        of its ancestors and itself, in its own language's tree."""
        step = Page.steplen
        return {
            self.key_of_path[path[:end]]
            for end in range(step, len(path) + 1, step)
            if path[:end] in self.key_of_path
        }

    def holds(self, path: str, translation_key) -> bool:
        """Whether the page with this path and translation key is closed."""
        return str(translation_key) in self.keys or path.startswith(self.sections)

    def q(self) -> Q:
        """The closed pages, as a filter of pages."""
        if not self:
            return Q(pk__in=[])  # Nothing is private.
        return reduce(
            or_,
            (Q(path__startswith=path) for path in self.sections),
            Q(translation_key__in=self.keys),
        )


def closed_pages() -> ClosedPages:
    """The pages closed by a view restriction, read once per generation (a new restriction,
    a new page or translation starts a new one)."""

    def read() -> ClosedPages:
        restricted = PageViewRestriction.objects.values("page__translation_key")
        if not restricted.exists():
            return ClosedPages()
        rows = list(
            Page.objects.filter(translation_key__in=restricted)
            .order_by("path")
            .values_list("path", "translation_key", "numchild")
        )
        return ClosedPages(
            copies=tuple((path, str(key)) for path, key, _children in rows),
            sections=tuple(path for path, _key, children in rows if children),
        )

    return remember("closed pages", read)


def public(pages: PageQuerySet) -> PageQuerySet:
    """`pages` without those a view restriction closes in any language. Use it instead of
    Wagtail's `PageQuerySet.public`, which reads each page's own tree's restrictions only."""
    closed = closed_pages()
    return pages.exclude(closed.q()) if closed else pages


def view_restrictions(page: Page):
    """The restrictions a visitor must pass to see `page`: those set on any language's copy of
    the page or of one of its ancestors. No query for a page no restriction closes."""
    keys = closed_pages().restriction_keys(page.path)
    if not keys:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(page__translation_key__in=keys).order_by(
        "page__depth", "pk"
    )


def may_view(page: Page, request: HttpRequest) -> bool:
    """Whether the visitor of `request` passes every restriction closing `page`."""
    return all(restriction.accept_request(request) for restriction in view_restrictions(page))


# Documents ------------------------------------------------------------------------------


def restricted_collection_paths() -> tuple[str, ...]:
    """The tree paths of the collections with a view restriction. Read afresh each time (one
    query): the search index asks while a restriction is being saved, before its generation."""
    return tuple(CollectionViewRestriction.objects.values_list("collection__path", flat=True))


def document_is_restricted(document) -> bool:
    """Whether a document lies in a restricted collection (Wagtail asks its visitors to log in
    or give the collection's password): its text must not reach anyone else's search."""
    paths = restricted_collection_paths()
    return bool(paths) and document.collection.path.startswith(paths)


def pages_using_documents() -> dict[int, frozenset[int]]:
    """document id → the ids of the pages using it (a chooser, a block, a rich-text link), from
    Wagtail's reference index, read once per generation."""

    def read() -> dict[int, frozenset[int]]:
        rows = ReferenceIndex.objects.filter(
            to_content_type=ContentType.objects.get_for_model(get_document_model()),
            base_content_type=ContentType.objects.get_for_model(Page),
        ).values_list("to_object_id", "object_id")
        using: dict[int, set[int]] = {}
        for document_id, page_id in rows:
            using.setdefault(int(document_id), set()).add(int(page_id))
        return {document_id: frozenset(pages) for document_id, pages in using.items()}

    return remember("pages using documents", read)


def privately_used_documents() -> dict[int, frozenset[int]]:
    """The documents used only on closed pages, with those pages: served only to visitors who
    may see one of them."""

    def read() -> dict[int, frozenset[int]]:
        closed = closed_pages()
        if not closed:
            return {}
        using = pages_using_documents()
        page_ids = set().union(*using.values())
        is_closed = {
            page_id: closed.holds(path, key)
            for page_id, path, key in Page.objects.filter(pk__in=page_ids).values_list(
                "pk", "path", "translation_key"
            )
        }
        return {
            document_id: pages
            for document_id, pages in using.items()
            if all(is_closed.get(page_id, False) for page_id in pages)
        }

    return remember("privately used documents", read)


def hidden_documents():
    """The documents an anonymous visitor may not open, as a filter of documents: those of a
    restricted collection and those used only on closed pages."""
    q = Q(pk__in=list(privately_used_documents()))
    for path in restricted_collection_paths():
        q |= Q(collection__path__startswith=path)
    return q


def may_open_document(document, request: HttpRequest) -> bool:
    """Whether the visitor may open a document for the pages it is used on: always unless it
    is used only on closed pages, then when they may see one of those pages."""
    page_ids = privately_used_documents().get(document.pk)
    if page_ids is None:
        return True
    return any(may_view(page, request) for page in Page.objects.filter(pk__in=page_ids))
