"""The `lang` of what a page shows: every element carries the language it is written in, so
that a screen reader reads an English name on a Hungarian page in English, and the page's
own words in Hungarian (WCAG 3.1.2)."""

from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html

from dcaht.i18n import Name, default_locale, written_language
from dcaht.translation_state import passages, untranslated_passages

register = template.Library()


@register.filter
def lang(shown) -> str:
    """` lang="xx"` for the element showing `shown` (a page, a translatable record, a `Name`)
    when it is written in another language than the reader's; nothing otherwise."""
    if isinstance(shown, Name):
        code = shown.language
    elif hasattr(shown, "locale_id"):
        code = written_language(shown)
    else:
        return ""
    return format_html(' lang="{}"', code) if code != translation.get_language() else ""


@register.filter
def marked_as(text, source) -> str:
    """`text` written in the language of `source` (the page or record it belongs to), in a
    `<span lang>` when that is not the reader's."""
    attribute = lang(source)
    return (
        format_html("<span{}>{}</span>", attribute, text) if attribute else conditional_escape(text)
    )


@register.filter
def marked(shown) -> str:
    """`shown` (a translatable record, a `Name`) as text, in a `<span lang>` when it is written
    in another language than the reader's."""
    return marked_as(shown, shown)


@register.filter
def lang_of(text, page) -> str:
    """` lang` for the element showing `text`, a text of `page`: the source language's while
    the passages of a partly translated page are still the source's, else `page`'s."""
    shown = passages(text)
    untranslated = untranslated_passages(page) if shown else frozenset()
    if untranslated and all(passage in untranslated for passage in shown):
        code = default_locale().language_code
        return format_html(' lang="{}"', code) if code != translation.get_language() else ""
    return lang(page)
