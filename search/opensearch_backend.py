"""Wagtail's OpenSearch back end, with autocompletion accepting quoted phrases.

The admin's search boxes read quotes as phrases and ask for autocompletion, which modelsearch's
OpenSearch back end refuses for anything but plain text: an editor searching the pages for
`"Palermo Protocol"`, quotes typed, got a 500. Autocompletion matches the beginnings of words,
not phrases, so the words of a phrase, and those around it, are completed as plain text, every
word required.
"""

from modelsearch.backends.opensearch3 import (
    OpenSearch3AutocompleteQueryCompiler,
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


class SearchBackend(OpenSearch3SearchBackend):
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
