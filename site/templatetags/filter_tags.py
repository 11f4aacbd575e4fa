"""The filter form's facets and the pagination's links, written in Python: a listing or search
page shows up to sixty checkboxes and a dozen page links, and the template language spends
more on their variables than on the rest of the page's form."""

from html import escape

from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from .language_tags import lang

register = template.Library()


def number(value: int) -> str:
    """A count, as the template language writes a number: without a thousands separator (the
    setting's default), that is `str` (localising each costs 4 µs)."""
    return localize(value) if settings.USE_THOUSAND_SEPARATOR else str(value)


def facet_options(entry: dict) -> SafeString:
    """The checkboxes of one facet of the filter form (an entry of
    `dcaht.filters.facet_entry`), each value escaped as the template language escapes it."""
    name = escape(entry["facet"].param)
    return mark_safe(  # noqa: S308 - every value is escaped
        "\n".join(
            f'<label class="facet__option"><input type="checkbox" name="{name}" '
            f'value="{escape(option.value)}"{" checked" if option.selected else ""}> '
            f"<span{lang(option.label)}>{escape(str(option.label))}</span> "
            f'<span class="facet__count">({number(option.count)})</span></label>'
            for option in entry["options"]
        )
    )


@register.simple_tag
def facet_fieldsets(facets: list[dict]) -> SafeString:
    """The filter form's facets: each one's legend, its checkboxes and, when some of its
    options are left out, the link showing them all."""
    fieldsets = []
    for entry in facets:
        label = escape(str(entry["facet"].label))
        more = ""
        if hidden := entry["hidden"]:
            text = ngettext(
                "%(label)s: show %(counter)s more", "%(label)s: show %(counter)s more", hidden
            ) % {"label": label, "counter": number(hidden)}
            more = f'\n<a class="facet__all" href="?{escape(entry["show_all_query"])}">{text}</a>'
        fieldsets.append(
            f'<fieldset class="facet">\n<legend>{label}</legend>\n{facet_options(entry)}{more}\n'
            "</fieldset>"
        )
    return mark_safe("\n".join(fieldsets))  # noqa: S308 - every value is escaped


@register.simple_tag
def page_links(request, page_obj, page_range) -> SafeString:
    """The items of a pagination: a link to each page of `page_range` (the page's address
    with another `page`, as `{% querystring page=… %}` writes it), the current one marked,
    and the gaps of an elided range."""
    params = request.GET.copy()
    items = []
    for number in page_range:
        if number == page_obj.paginator.ELLIPSIS:
            items.append('<li><span aria-hidden="true">…</span></li>')
            continue
        params["page"] = number
        current = ' aria-current="page"' if number == page_obj.number else ""
        items.append(f'<li><a href="?{escape(params.urlencode())}"{current}>{number}</a></li>')
    return mark_safe("\n".join(items))  # noqa: S308 - the query string is escaped
