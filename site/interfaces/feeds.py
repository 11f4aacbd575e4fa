"""Atom and RSS feeds of each language's newest content, with Django's syndication framework.

`/<lang>/feeds/<name>.atom` and `/<lang>/feeds/<name>.rss`, one for each feed an index page type
declares (`BasePage.feeds`): `practices`, `resources` (every kind: reports and guidelines
included), `reports` (round-table reports), and `all`, the home page's, of every type listed
`in_site_feed` (practices, resources and events). A feed lists the live, public pages of its URL's
language, newest first by first publication, at most `FEED_LENGTH`. A page not translated yet is
in its language's feeds as on its site (an alias of the English page); its entry says the
language its text is in (`xml:lang` and `dc:language`).
"""

import functools
from dataclasses import dataclass

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext

from wagtail.models import Locale, Page, get_page_models

from dcaht.i18n import written_language
from dcaht.privacy import public
from dcaht.schema_org import NETWORK_ACRONYM, NETWORK_NAME

FEED_LENGTH = 50
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class LanguageAtomFeed(Atom1Feed):
    """Atom, with the language of each entry's text."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:dc": DUBLIN_CORE}

    def item_attributes(self, item):
        return {**super().item_attributes(item), "xml:lang": item["content_language"]}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("dc:language", item["content_language"])


class LanguageRssFeed(Rss201rev2Feed):
    """RSS 2.0, with the language of each item's text."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("dc:language", item["content_language"])


FORMATS = {"atom": LanguageAtomFeed, "rss": LanguageRssFeed}


@dataclass(frozen=True)
class Source:
    """What a feed is made from: the request, its language, and the page the feed is about."""

    request: HttpRequest
    locale: Locale
    index: Page | None


@dataclass(frozen=True)
class Entry:
    page: Page
    url: str
    language: str


class NewestPages(Feed):
    """The newest live pages of some types in the request's language, described by an index
    page (its title, summary and address)."""

    author_name = f"{NETWORK_NAME} ({NETWORK_ACRONYM})"

    def __init__(self, feed_type, *, page_types, index_type, heading):
        self.feed_type = feed_type
        self.page_types = page_types
        self.index_type = index_type
        # The feed's name, before the site's; None for the site's own feed.
        self.heading = heading

    def get_object(self, request, *args, **kwargs):
        locale = Locale.get_active()
        index = public(self.index_type.objects.live()).filter(locale=locale).first()
        return Source(request=request, locale=locale, index=index)

    def title(self, obj):
        site_name = gettext("Danube Cities Knowledge Hub")
        return f"{capfirst(self.heading)} · {site_name}" if self.heading else site_name

    def link(self, obj):
        return obj.index.get_url(obj.request) if obj.index else "/"

    def description(self, obj):
        return obj.index.summary if obj.index and obj.index.summary else self.title(obj)

    def items(self, obj):
        pages = list(
            public(Page.objects.live())
            .filter(locale=obj.locale)
            .type(*self.page_types)
            .order_by("-first_published_at", "-pk")
            .defer_streamfields()
            .specific()[:FEED_LENGTH]
        )
        request = obj.request
        return [
            Entry(
                page=page,
                url=request.build_absolute_uri(page.get_url(request)),
                language=written_language(page),
            )
            for page in pages
        ]

    def item_title(self, item):
        return item.page.title

    def item_description(self, item):
        return escape(item.page.summary)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.page.first_published_at

    def item_updateddate(self, item):
        return item.page.last_published_at or item.page.first_published_at

    def item_categories(self, item):
        return [capfirst(item.page._meta.verbose_name)]

    def item_extra_kwargs(self, item):
        return {"content_language": item.language}


@dataclass(frozen=True)
class DeclaredFeed:
    """A feed as an index page type declares it (`BasePage.feeds`), resolved."""

    page_types: tuple[type[Page], ...]
    index_type: type[Page]
    heading: str | None


def declared_feeds() -> dict[str, DeclaredFeed]:
    """Every feed the page types declare, by name. A feed without a model lists the pages of
    every type `in_site_feed`."""
    models = get_page_models()
    in_site_feed = tuple(model for model in models if getattr(model, "in_site_feed", False))
    found = {}
    for model in models:
        for declared in vars(model).get("feeds", ()):
            if declared.model is None:
                found[declared.name] = DeclaredFeed(in_site_feed, model, None)
            else:
                listed = apps.get_model(declared.model)
                heading = listed._meta.verbose_name_plural
                found[declared.name] = DeclaredFeed((listed,), model, heading)
    return found


FEEDS = declared_feeds()

# Included under the language prefixes, in the namespace "feeds": "feeds:practices_atom", …
urlpatterns = [
    path(
        f"{name}.{extension}",
        NewestPages(
            feed_type,
            page_types=feed.page_types,
            index_type=feed.index_type,
            heading=feed.heading,
        ),
        name=f"{name}_{extension}",
    )
    for name, feed in FEEDS.items()
    for extension, feed_type in FORMATS.items()
]


FORMAT_NAMES = {"atom": "Atom", "rss": "RSS"}


SITE_FEEDS = tuple(name for name, feed in FEEDS.items() if feed.heading is None)


def feed_links(page: Page | None, *, include_all: bool = True) -> list[dict]:
    """The feeds to announce on a page: its section's on an index page (those its type
    declares), and the whole hub's."""
    names = [declared.name for declared in getattr(page, "feeds", ()) if declared.model is not None]
    if include_all:
        names += SITE_FEEDS
    # The same for every page of a section: built once per process and language.
    return feed_links_named(tuple(names), get_language())


@functools.lru_cache(maxsize=64)
def feed_links_named(names: tuple[str, ...], language_code: str) -> list[dict]:
    """The links to the feeds `names`, in the active language, `language_code` (the key of
    the cache: titles and addresses differ per language; addresses do not change while a
    process runs, as `navigation_tags.view_paths` assumes)."""
    links = []
    for name in names:
        feed = FEEDS[name]
        title = capfirst(feed.heading) if feed.heading else gettext("Danube Cities Knowledge Hub")
        for extension, feed_type in FORMATS.items():
            links.append(
                {
                    "title": f"{title} ({FORMAT_NAMES[extension]})",
                    "type": feed_type.content_type.split(";")[0],
                    "url": reverse(f"feeds:{name}_{extension}"),
                }
            )
    return links
