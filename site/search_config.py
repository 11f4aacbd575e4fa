"""How OpenSearch analyses the text of each language (plain data: settings import it too).

Each page's title and text are indexed once per language analyzer, as sub-fields
(`search_content.de`, `search_content.sl`, …); a search in a language queries that
language's sub-fields, so a German query for "Menschenhandels" finds "Menschenhandel".
Languages without a built-in analyzer get `folding`: lower case and diacritics folded, so
"kljuc" finds "Ključ". The sub-fields keep the offsets of their terms, so that the excerpts
of a page of results are highlighted from the index instead of analysing each page's text
again (a third of the time of a search with ten results).

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


def language_subfields(language_codes) -> dict:
    """The `fields` of a text mapping: one sub-field per language, with its analyzer."""
    return {
        code: {"type": "text", "analyzer": analyzer_for(code), "index_options": "offsets"}
        for code in language_codes
    }
