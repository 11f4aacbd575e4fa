"""The filter form's checkboxes, written in Python: a listing or search page shows up to sixty
of them, and the template language spends more on their five variables each than on the rest
of the page's form."""

from html import escape

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def facet_options(entry: dict) -> SafeString:
    """The checkboxes of one facet of the filter form (an entry of
    `dcaht.filters.facet_entry`), each value escaped as the template language escapes it."""
    name = escape(entry["facet"].param)
    return mark_safe(  # noqa: S308 - every value is escaped
        "\n".join(
            f'<label class="facet__option"><input type="checkbox" name="{name}" '
            f'value="{escape(option.value)}"{" checked" if option.selected else ""}> '
            f"<span>{escape(str(option.label))}</span> "
            f'<span class="facet__count">({localize(option.count)})</span></label>'
            for option in entry["options"]
        )
    )
