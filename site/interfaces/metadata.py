"""What a page tells search engines, link previews and partner sites: its canonical address, its
Open Graph tags and its schema.org data (JSON-LD); and the hub's OpenSearch description.

Each page type builds its own JSON-LD (`BasePage.structured_data`, from the vocabulary of
`dcaht.schema_org`); `seo_tags.json_ld` writes it into the page with the escaping of Django's
`json_script`, so no text of a page can close its `<script>` element.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext, to_locale

from wagtail.blocks import StreamValue
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from dcaht.blocks import CaptionedImageBlock
from dcaht.i18n import default_locale, locale_of, written_language

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


def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code) or to_locale(language_code)


def canonical_url(page: Page, request) -> str:
    """The page's own address in its language, without query string; a sub-route's address
    (`/en/events/past/`) when the page serves one. A copy that shows the source's text (an
    alias, a translation not begun) is that page in another language's frame: its canonical
    address is the source's."""
    if written_language(page) != locale_of(page).language_code and (
        source := page.get_translation_or_none(default_locale())
    ):
        return request.build_absolute_uri(source.get_url(request) or request.path)
    url = page.get_url(request)
    if url and request.path.startswith(url):
        return request.build_absolute_uri(request.path)
    return request.build_absolute_uri(url or request.path)


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
        ("og:type", getattr(page, "open_graph_type", "website")),
        ("og:title", page.seo_title or page.title),
        ("og:url", canonical_url(page, request)),
        ("og:site_name", gettext("Danube Cities Knowledge Hub")),
        ("og:locale", og_locale(language)),
        *(
            ("og:locale:alternate", og_locale(other["code"]))
            for other in languages
            if other["code"] != language and other["translated"]
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


def structured_data(page: Page, request, image: dict | None = None) -> list[dict]:
    """The schema.org objects describing a page, each for its own JSON-LD script, as its type
    declares them (`BasePage.structured_data`); none for a page of another kind."""
    declared = getattr(page, "structured_data", None)
    return declared(request, image) if declared is not None else []


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
