"""The `<head>` metadata of every page: canonical address, Open Graph, JSON-LD, feeds."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.models import Page

from dcaht.interfaces import metadata
from dcaht.interfaces.feeds import feed_links as page_feed_links

register = template.Library()

# As Django's `json_script`: nothing in the data can end the script element or open a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict) -> str:
    """A schema.org object as a JSON-LD script element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=None)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped above
    )


@register.inclusion_tag("components/seo_meta.html", takes_context=True)
def page_meta(context, languages):
    """Canonical address, Open Graph and JSON-LD of the Wagtail page being shown, if any.

    `languages` are the page's languages as the `alternates` tag gives them.
    """
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or not page.id or request is None:
        return {}
    image = metadata.preview_image(page, request)
    return {
        "canonical_url": metadata.canonical_url(page, request),
        "open_graph": metadata.open_graph(page, request, languages, image),
        "structured_data": metadata.structured_data(page, request, image),
    }


@register.simple_tag(takes_context=True)
def feed_links(context, include_all=True):
    """The feeds a page announces: its section's on an index page, and the hub's."""
    return page_feed_links(context.get("page"), include_all=include_all)
