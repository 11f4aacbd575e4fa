"""Site-wide navigation: the localized home page, the main menu and the page's languages."""

import functools
from html import escape
from typing import NamedTuple

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from wagtail.models import Page, Site

from dcaht.generation import remember
from dcaht.i18n import Name, written_language
from dcaht.privacy import public

from .language_tags import lang

register = template.Library()


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (the site root when no translation exists)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return remember(
        ("localized home", site.pk, translation.get_language()), lambda: site.root_page.localized
    )


class MenuItem(NamedTuple):
    pk: int
    title: Name  # in the source's language for an untranslated page
    url: str


def main_menu(context) -> list[MenuItem]:
    """The live pages below the home page shown in menus, with their addresses on the
    request's site: read and resolved once per generation, language and site."""
    home = localized_home(context)
    if home is None:
        return []
    request = context["request"]
    return remember(
        ("main menu", home.pk, Site.find_for_request(request).pk),
        lambda: [
            MenuItem(page.pk, Name(page.title, written_language(page)), page.get_url(request))
            for page in public(home.get_children().live()).in_menu()
        ],
    )


@register.simple_tag(takes_context=True)
def menu_items(context) -> SafeString:
    """The main menu's list items, the page shown marked as the current one."""
    page = context.get("page")
    current_pk = page.pk if isinstance(page, Page) else None
    items = []
    for item in main_menu(context):
        current = ' aria-current="page"' if item.pk == current_pk else ""
        items.append(
            f'<li><a href="{escape(item.url)}"{current}{lang(item.title)}>'
            f"{escape(item.title)}</a></li>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value is escaped


@functools.lru_cache(maxsize=512)
def view_paths(name, args: tuple, kwargs: tuple) -> tuple[tuple[str, str | None], ...]:
    """A view's path in each language (None where it has none): what `translate_url` does,
    without resolving the path again for every language, once per process (URLs do not change
    while it runs)."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                paths.append((code, reverse(name, args=args, kwargs=dict(kwargs))))
            except NoReverseMatch:
                paths.append((code, None))
    return tuple(paths)


@register.simple_tag(takes_context=True)
def alternates(context):
    """This page (or view) in every language: for the switcher and the hreflang links.

    For a Wagtail page, its live translations and aliases, each saying whether it is written
    in its language (`translated`: the source or a translation) or shows the source's text
    (an alias); for any other view, its URL reversed in each language.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    urls, aliases = {}, set()
    if isinstance(page, Page) and page.id:
        urls, aliases = remember(
            ("page languages", page.translation_key, request and request.get_host()),
            lambda: page_languages(page, request),
        )
    elif request is not None and (match := getattr(request, "resolver_match", None)):
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        query = request.META.get("QUERY_STRING", "")
        query = f"?{iri_to_uri(query)}" if query else ""
        paths = view_paths(name, tuple(match.args), tuple(sorted(match.kwargs.items())))
        urls = {code: path + query if path else request.get_full_path() for code, path in paths}
    links = []
    for code, _name in settings.LANGUAGES:
        if not urls.get(code):
            continue
        links.append(
            {
                "code": code,
                "native_name": translation.get_language_info(code)["name_local"],
                "url": urls[code],
                "absolute_url": request.build_absolute_uri(urls[code]) if request else urls[code],
                "is_current": code == current,
                "is_default": code == settings.LANGUAGE_CODE,
                "translated": code not in aliases,
            }
        )
    return links


def page_languages(page: Page, request) -> tuple[dict[str, str], set[str]]:
    """The address of each live copy of a page by language, and the languages of the copies
    that show the source's text (aliases, translations not begun)."""
    urls, aliases = {}, set()
    for copy in page.get_translations(inclusive=True).live().select_related("locale"):
        urls[copy.locale.language_code] = copy.get_url(request)
        if written_language(copy) != copy.locale.language_code:
            aliases.add(copy.locale.language_code)
    return urls, aliases


@register.filter
def written_besides(languages: list[dict], shown: str) -> list[dict]:
    """The languages (from `alternates`) the page is written in, other than `shown`."""
    return [item for item in languages if item["translated"] and item["code"] != shown]


# Every page lists its thirteen languages twice (the hreflang links, the switcher): written in
# Python, as the template language spends more on their variables than on the rest of the
# header. Each value is escaped as the template language escapes it.


@register.simple_tag
def hreflang_links(languages: list[dict]) -> SafeString:
    """The `<link rel="alternate">` of each language the page is written in (from `alternates`:
    not its aliases, which show another language's text), and of the default language as
    `x-default`."""
    lines = []
    for language in languages:
        if not language["translated"]:
            continue
        code, url = escape(language["code"]), escape(language["absolute_url"])
        lines.append(f'<link rel="alternate" hreflang="{code}" href="{url}">')
        if language["is_default"]:
            lines.append(f'<link rel="alternate" hreflang="x-default" href="{url}">')
    return mark_safe("\n".join(lines))  # noqa: S308 - every value is escaped


@functools.cache
def not_translated(code: str) -> str:
    """ "Not translated", in the language `code` (what its readers would find there)."""
    with translation.override(code):
        return gettext("not translated")


@register.simple_tag
def language_items(languages: list[dict]) -> SafeString:
    """The language switcher's list items: each language's name, in itself, linking to the
    page in that language, and saying so, in that language, where the page is not translated
    into it (its link shows the original there)."""
    items = []
    for language in languages:
        code = escape(language["code"])
        current = ' aria-current="true"' if language["is_current"] else ""
        note = "" if language["translated"] else f" — {escape(not_translated(language['code']))}"
        items.append(
            f'<li><a href="{escape(language["url"])}" hreflang="{code}" lang="{code}"{current}>'
            f"{escape(capfirst(language['native_name']))}{note}</a></li>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 - every value is escaped
