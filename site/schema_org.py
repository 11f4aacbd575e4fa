"""The vocabulary of the pages' schema.org data (JSON-LD): the network as publisher, places with
their postal address, and the article every practice and resource is. Each page type builds its
own data from these (`BasePage.structured_data`); `dcaht.interfaces.metadata` writes it out.

`inLanguage` is the language of the text: an alias, a page not translated yet, shows the text
of the page it is an alias of.
"""

from django.utils.text import Truncator, capfirst

from wagtail.models import Page

from .i18n import locale_of, localize_all, written_language
from .models import Place, Theme

SCHEMA = "https://schema.org"
NETWORK_NAME = "Danube Cities against Human Trafficking"
NETWORK_ACRONYM = "D-CAHT"
HEADLINE_LENGTH = 110


def page_url(page: Page, request) -> str:
    return request.build_absolute_uri(page.get_url(request))


def content_language(page: Page) -> str:
    """The language of the page's text: an alias shows the text of its original."""
    return written_language(page)


def network(request) -> dict:
    """The network, as the publisher of the hub's pages."""
    return {
        "@type": "Organization",
        "@id": request.build_absolute_uri("/") + "#organization",
        "name": NETWORK_NAME,
        "alternateName": NETWORK_ACRONYM,
        "url": request.build_absolute_uri("/"),
    }


def without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def postal_place(name: str, place: Place | None, localized: dict) -> dict:
    """A schema.org `Place`: a venue or a city, with the city and country of its address."""
    address = None
    if place is not None:
        address = {
            "@type": "PostalAddress",
            "addressLocality": localized[(Place, place.pk)].name,
            "addressCountry": place.country.code.upper(),
        }
    return without_empty({"@type": "Place", "name": name, "address": address})


def article(
    page: Page, request, image: dict | None, *, themes: list[Theme], places: list[Place] = ()
) -> dict:
    """An `Article` published by the network, about `themes`, located at `places`."""
    localized = localize_all([*themes, *places], locale_of(page))
    url = page_url(page, request)
    published = page.first_published_at
    modified = page.last_published_at or published
    return without_empty(
        {
            "@context": SCHEMA,
            "@type": "Article",
            "headline": Truncator(page.title).chars(HEADLINE_LENGTH),
            "description": page.description,
            "url": url,
            "mainEntityOfPage": url,
            "articleSection": capfirst(page._meta.verbose_name),
            "inLanguage": content_language(page),
            "datePublished": published.isoformat() if published else None,
            "dateModified": modified.isoformat() if modified else None,
            "keywords": ", ".join(localized[(type(theme), theme.pk)].name for theme in themes),
            "contentLocation": [
                postal_place(localized[(Place, place.pk)].name, place, localized)
                for place in places
            ],
            "image": image["url"] if image else None,
            "author": network(request),
            "publisher": network(request),
        }
    )
