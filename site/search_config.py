"""How OpenSearch analyses the text of each language (plain data: settings import it too).

Each page's title and text are indexed under its own language's analyzer only, in the fields
of that language (`search_content_de`, `search_content_sl`, …: empty for the pages of other
languages); a search in a language queries that language's fields, so a German query for
"Menschenhandels" finds "Menschenhandel", and a search in every language queries each
language's pages with their own analyzer.
Languages without a built-in analyzer get `folding`: lower case and diacritics folded, so
"kljuc" finds "Ključ". The text fields keep the offsets of their terms, so that the excerpts
of a page of results are highlighted from the index instead of analysing each page's text
again (a third of the time of a search with ten results), and are stored apart from the
document, so that highlighting reads only that text rather than reading and parsing each
result's whole document (nearly half of the work of the search ranking ten results).

`manage.py update_index` builds the index with these settings: run it after changing them.
"""

BUILT_IN_ANALYZERS = {
    "en": "english",
    "de": "german",
    "es": "spanish",
    "ru": "russian",
    "ro": "romanian",
    "bg": "bulgarian",
    "hu": "hungarian",
    "cs": "czech",
}
FALLBACK_ANALYZER = "folding"

INDEX_SETTINGS = {
    "settings": {
        "index": {"number_of_shards": 1, "number_of_replicas": 0},
        "analysis": {
            "analyzer": {
                FALLBACK_ANALYZER: {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                }
            }
        },
    }
}


def analyzer_for(language_code: str) -> str:
    return BUILT_IN_ANALYZERS.get(language_code, FALLBACK_ANALYZER)


def language_mapping(language_code: str, *, highlighted: bool = False) -> dict:
    """The mapping of a field holding text of one language: its analyzer, and for a text that
    is highlighted, the offsets of its terms and the text stored on its own."""
    mapping = {"analyzer": analyzer_for(language_code)}
    if highlighted:
        mapping |= {"index_options": "offsets", "store": True}
    return mapping
