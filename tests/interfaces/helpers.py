"""Reading what a page's `<head>` tells other programs, as they read it."""

import json
from html.parser import HTMLParser

from wagtail.models import Locale

from practices.models import GoodPracticePage

SEED_PRACTICE_SLUGS = {
    "vienna-local-greta-working-group",
    "ljubljana-memorandum-of-cooperation",
    "barcelona-assistance-to-victims",
    "moscow-raising-awareness-to-engage-law-enforcement",
}
VIENNA_PRACTICE_URL = "/en/practices/vienna-local-greta-working-group/"
ROUND_TABLE_URL = "/en/events/round-table-vienna-2017/"
REPORT_SLUG = "round-table-vienna-2017-report"


class HeadParser(HTMLParser):
    """The `<link>` and `<meta>` elements and the JSON-LD scripts of a document."""

    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.metas: list[dict] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link":
            self.links.append(attributes)
        elif tag == "meta":
            self.metas.append(attributes)
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def properties(self, name: str) -> list[str]:
        """The contents of the `<meta property=name>` elements, in order."""
        return [meta["content"] for meta in self.metas if meta.get("property") == name]

    def links_with(self, **attributes) -> list[dict]:
        return [
            link
            for link in self.links
            if all(link.get(key) == value for key, value in attributes.items())
        ]

    def structured_data(self) -> list[dict]:
        return [json.loads(text) for text in self.json_ld]


def parse_head(response) -> HeadParser:
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def seed_practice(slug: str = "vienna-local-greta-working-group", language: str = "en"):
    return GoodPracticePage.objects.get(
        slug=slug, locale=Locale.objects.get(language_code=language)
    )
