"""The sitemap (`/sitemap.xml`) and `robots.txt`, both outside the language prefixes.

The sitemap lists every live, public page in every language it is written in: not its aliases,
which show its text in another language's frame (their canonical address is the page's). Each
entry gives the same page's address in every language it is written in (`<xhtml:link rel="alternate"
hreflang>`, itself included) and `x-default`, the English page, as the pages' `<head>` does.
Addresses are absolute on the host the sitemap is requested from, like those of the pages' links.
Wagtail's own sitemap is not used: it lists the default site's tree only, with no alternates.
"""

from collections import defaultdict
from functools import cached_property, reduce
from operator import or_

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse

from wagtail.models import Page, Site

from dcaht.i18n import written_copies
from dcaht.privacy import public

LANGUAGE_ORDER = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}


class PageSitemap(Sitemap):
    def __init__(self, request):
        self.request = request

    @cached_property
    def paths(self) -> dict[int, tuple[Page, str]]:
        """Each live, public page of the request's site, in every language it is written in,
        with its path."""
        site = Site.find_for_request(self.request)
        if site is None:
            return {}
        roots = [site.root_page, *site.root_page.get_translations()]
        pages = (
            written_copies(public(Page.objects.live()))
            .filter(reduce(or_, (Q(path__startswith=root.path) for root in roots)))
            .select_related("locale")
            .order_by("path")
        )
        paths = {}
        for page in pages:
            url_parts = page.get_url_parts(self.request)
            if url_parts and url_parts[2]:
                paths[page.pk] = (page, url_parts[2])
        return paths

    @cached_property
    def versions(self) -> dict:
        """Each page's languages and paths, by translation key, in the order of LANGUAGES."""
        versions = defaultdict(list)
        for page, page_path in self.paths.values():
            versions[page.translation_key].append((page.locale.language_code, page_path))
        for languages in versions.values():
            languages.sort(key=lambda version: LANGUAGE_ORDER.get(version[0], len(LANGUAGE_ORDER)))
        return versions

    def items(self):
        return [page for page, _path in self.paths.values()]

    def location(self, item):
        return self.paths[item.pk][1]

    def lastmod(self, item):
        return item.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            languages = self.versions[url["item"].translation_key]
            url["alternates"] = [
                {"lang_code": code, "location": origin + page_path} for code, page_path in languages
            ]
            default = dict(languages).get(settings.LANGUAGE_CODE)
            if default:
                url["alternates"].append({"lang_code": "x-default", "location": origin + default})
        return urls


def sitemap(request):
    return sitemap_views.sitemap(request, sitemaps={"pages": PageSitemap(request)})


def robots_txt(request):
    """Crawlers may read everything but the admin; the sitemap lists every page."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
