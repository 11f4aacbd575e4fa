"""What a page tells search engines, link previews and partner sites: its canonical address, its
Open Graph tags and its schema.org data (JSON-LD); and the hub's OpenSearch description.

The JSON-LD is built here as Python dicts and written into the page by `seo_tags.json_ld`, with
the escaping of Django's `json_script`, so no text of a page can close its `<script>` element.

- An event is an `Event`: its dates in ISO 8601, with the venue's UTC offset when the times are
  known and as dates when they are not; its time zone as the IANA name in `eventSchedule`
  (`Schedule.scheduleTimezone`, schema.org's only property for it); its venue as a `Place` whose
  `PostalAddress` has the city and the ISO 3166 country code; its organisers as `Organization`s.
- A practice or a resource (reports and guidelines included) is an `Article` published by the
  network.
- The home page describes the network (`Organization`) and the site with its search
  (`WebSite` with a `SearchAction`).

`inLanguage` is the language of the text: an alias, a page not translated yet, shows the text
of the page it is an alias of.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext, to_locale

from wagtail.blocks import StreamValue
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from dcaht.blocks import CaptionedImageBlock
from dcaht.i18n import locale_of, localize_all
from dcaht.models import Place
from home.models import HomePage
from meetings.models import EventOrganiser, EventPage
from practices.models import GoodPracticePage
from resources.models import ResourcePage

SCHEMA = "https://schema.org"
NETWORK_NAME = "Danube Cities against Human Trafficking"
NETWORK_ACRONYM = "D-CAHT"
# Open Graph wants a territory with the language (ll_TT).
OG_LOCALES = {
    "en": "en_GB",
    "de": "de_DE",
    "sl": "sl_SI",
    "es": "es_ES",
    "ru": "ru_RU",
    "ro": "ro_RO",
    "bg": "bg_BG",
    "hu": "hu_HU",
    "hr": "hr_HR",
    "sr": "sr_RS",
    "sk": "sk_SK",
    "cs": "cs_CZ",
    "uk": "uk_UA",
}
OG_IMAGE_FILTER = "fill-1200x630"
HEADLINE_LENGTH = 110


def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code) or to_locale(language_code)


def page_url(page: Page, request) -> str:
    return request.build_absolute_uri(page.get_url(request))


def canonical_url(page: Page, request) -> str:
    """The page's own address in its language, without query string; a sub-route's address
    (`/en/events/past/`) when the page serves one."""
    url = page.get_url(request)
    if url and request.path.startswith(url):
        return request.build_absolute_uri(request.path)
    return request.build_absolute_uri(url or request.path)


def content_language(page: Page) -> str:
    """The language of the page's text: an alias shows the text of its original."""
    original = page.alias_of if page.alias_of_id else page
    return locale_of(original).language_code


def is_article(page: Page) -> bool:
    return isinstance(page, GoodPracticePage | ResourcePage)


def first_image(page: Page):
    """The first image block of the page's body: (image, alternative text), or None."""
    body = getattr(page, "body", None)
    if not isinstance(body, StreamValue):
        return None
    for block in body:
        if isinstance(block.block, CaptionedImageBlock) and block.value.get("image"):
            return block.value["image"], block.value.get("alt_text", "")
    return None


def preview_image(page: Page, request) -> dict | None:
    """The page's image for link previews, as a rendition of the first image of its body."""
    found = first_image(page)
    if found is None:
        return None
    image, alt = found
    try:
        rendition = image.get_rendition(OG_IMAGE_FILTER)
    except SourceImageIOError:
        return None
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": alt,
    }


def open_graph(page: Page, request, languages: list[dict], image: dict | None) -> list[tuple]:
    """Open Graph properties as (property, content) pairs, in the order they are written.

    `languages` are the page's languages as the `alternates` tag gives them.
    """
    language = locale_of(page).language_code
    tags = [
        ("og:type", "article" if is_article(page) else "website"),
        ("og:title", page.seo_title or page.title),
        ("og:url", canonical_url(page, request)),
        ("og:site_name", gettext("Danube Cities Knowledge Hub")),
        ("og:locale", og_locale(language)),
        *(
            ("og:locale:alternate", og_locale(other["code"]))
            for other in languages
            if other["code"] != language
        ),
    ]
    if page.description:
        tags.append(("og:description", page.description))
    if image:
        tags += [
            ("og:image", image["url"]),
            ("og:image:width", str(image["width"])),
            ("og:image:height", str(image["height"])),
        ]
        if image["alt"]:
            tags.append(("og:image:alt", image["alt"]))
    return tags


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


def event_data(event: EventPage, request) -> dict:
    place = (
        Place.objects.select_related("country").get(pk=event.place_id) if event.place_id else None
    )
    links = [
        link
        for link in event.organiser_links.select_related("organisation")
        if link.role == EventOrganiser.Role.ORGANISER
    ]
    localized = localize_all(
        [*([place] if place else []), *(link.organisation for link in links)], locale_of(event)
    )
    url = page_url(event, request)
    if event.is_all_day:
        start, end = event.start_date, event.last_day
    else:
        start, end = event.start, event.end
    schedule = {
        "@type": "Schedule",
        "startDate": event.start_date.isoformat(),
        "endDate": event.last_day.isoformat(),
        "startTime": event.start_time.isoformat() if event.start_time else None,
        "endTime": event.end_time.isoformat() if event.end_time else None,
        "scheduleTimezone": event.time_zone,
    }
    if place is not None or event.venue:
        attendance = "OfflineEventAttendanceMode"
        location = postal_place(event.venue or localized[(Place, place.pk)].name, place, localized)
    else:
        attendance = "OnlineEventAttendanceMode"
        location = {"@type": "VirtualLocation", "url": event.registration_url or url}
    return without_empty(
        {
            "@context": SCHEMA,
            "@type": "Event",
            "name": event.title,
            "description": event.description,
            "url": url,
            "inLanguage": content_language(event),
            "startDate": start.isoformat(),
            "endDate": end.isoformat() if end else None,
            "eventSchedule": without_empty(schedule),
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "eventAttendanceMode": f"{SCHEMA}/{attendance}",
            "location": location,
            "organizer": [
                without_empty(
                    {
                        "@type": "Organization",
                        "name": localized[(type(link.organisation), link.organisation_id)].name,
                        "url": link.organisation.website,
                    }
                )
                for link in links
            ],
        }
    )


def article_data(page: Page, request, image: dict | None) -> dict:
    themes = page.linked_themes
    places = page.linked_places if isinstance(page, GoodPracticePage) else []
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


def home_data(home: HomePage, request) -> list[dict]:
    url = page_url(home, request)
    search_url = request.build_absolute_uri(reverse("search"))
    return [
        without_empty(
            {
                "@context": SCHEMA,
                **network(request),
                "url": url,
                "description": home.description,
            }
        ),
        {
            "@context": SCHEMA,
            "@type": "WebSite",
            "name": gettext("Danube Cities Knowledge Hub"),
            "url": url,
            "inLanguage": content_language(home),
            "publisher": {"@id": network(request)["@id"]},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": f"{search_url}?q={{search_term_string}}",
                },
                "query-input": "required name=search_term_string",
            },
        },
    ]


def structured_data(page: Page, request, image: dict | None = None) -> list[dict]:
    """The schema.org objects describing a page, each for its own JSON-LD script."""
    if isinstance(page, EventPage):
        return [event_data(page, request)]
    if is_article(page):
        return [article_data(page, request, image)]
    if isinstance(page, HomePage):
        return home_data(page, request)
    return []


def opensearch(request):
    """The OpenSearch description of the hub's search in the URL's language, so browsers can
    offer it: `/<lang>/opensearch.xml`, announced by `<link rel="search">` in every page."""
    return HttpResponse(
        render_to_string(
            "seo/opensearch.xml",
            {
                "search_url": request.build_absolute_uri(reverse("search")),
                "self_url": request.build_absolute_uri(request.path),
            },
            request=request,
        ),
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
