"""Wagtail's OpenSearch back end, with each change searchable at once, and autocompletion
accepting quoted phrases.

OpenSearch shows what it indexed at its next refresh, a second later: a visitor searching
right after a publish did not find the page, and the search page cached then (under the
generation the publish had just started) kept the old results until the next change. Each
change the site indexes is refreshed before the request that made it goes on.

The admin's search boxes read quotes as phrases and ask for autocompletion, which modelsearch's
OpenSearch back end refuses for anything but plain text: an editor searching the pages for
`"Palermo Protocol"`, quotes typed, got a 500. Autocompletion matches the beginnings of words,
not phrases, so the words of a phrase, and those around it, are completed as plain text, every
word required.
"""

from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
    OpenSearch3Index,
    OpenSearch3SearchBackend,
)
from modelsearch.query import And, Or, Phrase, PlainText


def words(query) -> list[str]:
    if isinstance(query, PlainText | Phrase):
        return [query.query_string]
    if isinstance(query, And | Or):
        return [word for subquery in query.subqueries for word in words(subquery)]
    return []


class AutocompleteQueryCompiler(OpenSearch3AutocompleteQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.query, Phrase | And | Or):
            self.query = PlainText(" ".join(words(self.query)), operator="and")


class Index(OpenSearch3Index):
    def add_item(self, item):
        super().add_item(item)
        self.refresh()

    def add_items(self, model, items):
        super().add_items(model, items)
        self.refresh()

    def delete_item(self, item):
        super().delete_item(item)
        self.refresh()


class SearchBackend(OpenSearch3SearchBackend):
    index_class = Index
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
