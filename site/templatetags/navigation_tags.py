"""Site-wide navigation: the localized home page, the main menu and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (the site root when no translation exists)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = localized_home(context)
    if home is None:
        return Page.objects.none()
    return home.get_children().live().public().in_menu()


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per language, to this page (or view) in that language."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if isinstance(page, Page) and page.id:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None and isinstance(page, Page):
            url = translations.get(code)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = None
        with translation.override(code):
            native_name = translation.get_language_info(code)["name_local"]
        links.append(
            {
                "code": code,
                "name": name,
                "native_name": native_name,
                "url": url,
                "is_current": code == current,
            }
        )
    return {"languages": links, "current": current}
