"""Site-wide navigation: the localized home page, the main menu and the page's languages."""

import functools

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri

from wagtail.models import Page, Site

from dcaht.generation import remember

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


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = localized_home(context)
    if home is None:
        return []
    return remember(
        ("main menu", home.pk), lambda: list(home.get_children().live().public().in_menu())
    )


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

    For a Wagtail page, its live translations and aliases; for any other view, its URL
    reversed in each language.
    """
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    urls = {}
    if isinstance(page, Page) and page.id:
        urls = remember(
            ("page languages", page.translation_key, request and request.get_host()),
            lambda: {
                translated.locale.language_code: translated.get_url(request)
                for translated in page.get_translations(inclusive=True)
                .live()
                .select_related("locale")
            },
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
            }
        )
    return links
