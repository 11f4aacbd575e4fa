"""Every element carries the language it is written in (WCAG 3.1.2), read from the page as the
browser builds it: on each public page type, in English, German, Slovenian and Hungarian, no
interface word of the reader's language sits inside a region marked as another language, and
no English text of the content stands on a non-English page without `lang="en"`."""

import re
from http import HTTPStatus
from pathlib import Path

from django.conf import settings
from django.utils import translation

from wagtail.models import Locale, Page

import polib
import pytest

from dcaht.models import Country, Organisation, Place, TargetGroup, Theme
from tests.e2e.browser import requires_chromium

pytestmark = requires_chromium

LANGUAGES = ("en", "de", "sl", "hu")
PAGES = {
    "home": "/",
    "practices": "/practices/",
    "practice": "/practices/vienna-local-greta-working-group/",
    "places": "/places/",
    "place": "/places/vienna/",
    "events": "/events/past/",
    "event": "/events/round-table-vienna-2017/",
    "resources": "/resources/",
    "report": "/resources/round-table-vienna-2017-report/",
    "guidelines": "/resources/guidelines-for-municipalities/",
    "search": "/search/?q=Vienna",
}
# Each text of the page's body with the language it is read in: the nearest `lang`.
TEXTS_WITH_LANGUAGE = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    // Not a search excerpt: a page's indexed text, with the names of the records it links
    // in their own languages, one passage (issue 29 takes the names out of excerpts).
    if (element.closest("script, style, noscript, template, .search-result__excerpt")) continue;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    if (text) found.push([text, element.closest("[lang]").getAttribute("lang")]);
  }
  return found;
}"""


def catalogue(code: str) -> dict[str, str]:
    """The interface's messages in a language: English message → translation."""
    path = Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr}


def interface_words(code: str) -> set[str]:
    """The reader's interface texts that are words of that language only (not the same in
    English, as a name or an acronym is)."""
    if code == settings.LANGUAGE_CODE:
        return set()
    return {
        text for message, text in catalogue(code).items() if text != message and "%" not in text
    }


def content_texts(locale: Locale) -> set[str]:
    """The titles and summaries of a language's own pages and the names of its records."""
    pages = Page.objects.filter(locale=locale, alias_of__isnull=True).specific()
    texts = {page.title for page in pages} | {getattr(page, "summary", "") for page in pages}
    for model in (Country, Place, Theme, TargetGroup, Organisation):
        texts |= {str(record) for record in model.objects.filter(locale=locale)}
    return {text for text in texts if text}


def english_only(code: str) -> set[str]:
    """English texts of the content that the reader's language does not share."""
    english = content_texts(Locale.objects.get(language_code=settings.LANGUAGE_CODE))
    theirs = content_texts(Locale.objects.get(language_code=code)) | set(catalogue(code).values())
    return {text for text in english - theirs if re.search(r"[a-z]{3}", text)}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_every_text_carries_the_language_it_is_written_in(page, language, path):
    with translation.override(language):
        words = interface_words(language)
        english = english_only(language) if language != settings.LANGUAGE_CODE else set()
    response = page.goto(f"/{language}{path}")
    assert response.status == HTTPStatus.OK

    texts = page.evaluate(TEXTS_WITH_LANGUAGE)

    assert texts
    misplaced = sorted({text for text, lang in texts if text in words and lang != language})
    unmarked = sorted(
        {
            text
            for text, lang in texts
            if lang != "en"
            and any(text == known or (len(known) > 24 and known in text) for known in english)
        }
    )
    assert misplaced == [], f"interface words marked as another language on /{language}{path}"
    assert unmarked == [], f"English text without lang=en on /{language}{path}"
