"""Wagtail's database search back end, with one flaw of its SQLite implementation mended.

modelsearch's SQLite back end puts each term between double quotes for SQLite's full-text
search without escaping a quote inside it, so a search with a double quote in it (`"Palermo
Protocol"`, typed with its quotes) was an error: a 500 in the admin's search boxes (pages,
choosers) with the local default. A quote is no part of a word (the tokenizer drops it), so it
is taken out of the query before the query is built, and a query of quotes only finds nothing.
The PostgreSQL implementation is used as it is.
"""

from django.db import connection

from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a back end's module
    backend = database.SearchBackend(params)
    # The SQLite implementation, when SQLite has full-text search (modelsearch found out above).
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        from .sqlite_compilers import AutocompleteQueryCompiler, SearchQueryCompiler

        backend.query_compiler_class = SearchQueryCompiler
        backend.autocomplete_query_compiler_class = AutocompleteQueryCompiler
    return backend
