"""The site serving a request, the sites' root paths, and the page a URL routes to, read from
per-generation memory.

For every page it serves, Wagtail looks the site up with a query, the root paths (which every
page URL is built from) with a cache round trip, or one per page when a URL is built without
the request, and walks the tree from the localized home page with two queries per level. All of
it changes only when a site, a locale or a page's place in the tree changes, and each of those
starts a new generation (`dcaht.cache`).
"""

import pickle

from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation

from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from .generation import keep, recall, remember


class SiteMiddleware:
    """Give the request its site and the sites' root paths where Wagtail looks for them, and
    the route of a page's URL to Wagtail's page view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request.get_host())[0]  # Only allowed hosts: bounded.
        port = request.get_port()
        request._wagtail_site = remember(
            ("site", hostname, port), lambda: Site._find_for_request(request)
        )
        request._wagtail_cached_site_root_paths = remember(
            "site root paths", Site.get_site_root_paths
        )
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve and request._wagtail_site is not None:
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            route = remembered_route(request, path)
            if route is not None:
                request._wagtail_route_for_request = route
        return None


def remembered_route(request, path: str):
    """The route of `path` (Wagtail's `RouteResult`) from the page kept for it: no query
    instead of two per level of the tree. Only URLs that led to a page are kept,
    so their number is bounded by the content, whatever visitors ask for."""
    site = request._wagtail_site
    components = [component for component in path.split("/") if component]
    key = ("route", site.pk, translation.get_language(), tuple(components))
    target = recall(key)
    if target is None:
        route = Page.route_for_request(request, path)
        if route is not None:
            keep(key, (type(route.page), route.page.pk, route.page.depth))
        return route
    model, pk, depth = target
    try:
        if request.user.is_authenticated:
            # Saving a draft or locking a page starts no generation: editors see the row as
            # it is now (the user bar and the admin read those fields).
            page = model.objects.get(pk=pk)
        else:
            # Each visitor's request gets its own copy of the page, unpickled from bytes this
            # process pickled itself: microseconds instead of a query.
            pickled = remember(("page", pk), lambda: pickle.dumps(model.objects.get(pk=pk)))
            page = pickle.loads(pickled)  # noqa: S301
        return page.route(request, components[depth - site.root_page.depth :])
    except (model.DoesNotExist, Http404):
        return None  # Wagtail routes it again, and answers.
