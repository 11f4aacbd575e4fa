"""The SQLite implementation's query compilers, with quotes taken out of a query
(`search.database_backend` says why). Imported only where SQLite is the database: modelsearch's
SQLite module needs a model that exists only there."""

from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import MATCH_ALL, Not, Phrase, PlainText


def without_quotes(query):
    if isinstance(query, PlainText):
        text = query.query_string.replace('"', " ")
        return PlainText(text, operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(query.query_string.replace('"', " "))
    return query


class WithoutQuotes:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if (
            isinstance(self.query, PlainText | Phrase)
            and not without_quotes(self.query).query_string.strip()
        ):
            self.query = Not(MATCH_ALL)

    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(without_quotes(query), config=config)


class SearchQueryCompiler(WithoutQuotes, SQLiteSearchQueryCompiler):
    pass


class AutocompleteQueryCompiler(WithoutQuotes, SQLiteAutocompleteQueryCompiler):
    pass
