"""`{% sitewide %}…{% endsitewide %}`: a part of every page that is the same on all the pages of
one language and site (the brand, the search box's labels, the footer's text).

It is rendered once per content generation, language and site in each process, then copied:
the template language spends on a page's fixed parts (their translated strings, the URLs of
views and static files, the localized home page) more than on the rest of a page's head and
foot. What a block holds must not depend on the page, the request's query or the user: those
go between blocks.
"""

import itertools

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from wagtail.models import Site

from dcaht.generation import remember

register = template.Library()

# Each block parsed gets its own number: a template parsed again (edited, in development)
# never reads what its earlier version rendered.
_blocks = itertools.count()


class SitewideNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.number = next(_blocks)

    def render(self, context) -> SafeString:
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        return remember(
            ("sitewide", self.number, get_language(), site.pk if site else None),
            lambda: self.nodelist.render(context),
        )


@register.tag
def sitewide(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("'sitewide' takes no arguments.")
    nodelist = parser.parse(("endsitewide",))
    parser.delete_first_token()
    return SitewideNode(nodelist)
