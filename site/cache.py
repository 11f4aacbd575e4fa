"""A page cache for anonymous visitors that never serves a stale page.

Every cached page is stored under the current *generation* (`dcaht.generation`). Publishing,
unpublishing, moving or deleting a page, saving a live page, and saving or deleting a shared
entity or a document, start a new generation: from then on every page is built afresh.
Editors and other logged-in users never get a cached page, and a page that used a CSRF token
(a form) or set a cookie is never stored.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Locale, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generation import generation, last_used, new_generation
from .models import SHARED_ENTITIES

EXCLUDED_PREFIXES = ("/admin/", "/api/", "/documents/", "/healthz")


for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(new_generation, dispatch_uid=f"page-cache-{signal}")

# Shared entities shown on pages; who may see a page or a document; the sites and languages of
# every URL; the results promoted on search pages.
for model in (
    *SHARED_ENTITIES,
    PageViewRestriction,
    CollectionViewRestriction,
    Site,
    Locale,
    SearchPromotion,
):
    for model_signal in (post_save, post_delete):
        model_signal.connect(new_generation, sender=model, dispatch_uid=f"page-cache-{model}")


# What saving a draft or locking a page writes: the live content is unchanged.
REVISION_BOOKKEEPING = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)


@receiver(post_save, dispatch_uid="page-cache-page-save")
def live_page_saved(sender, instance, update_fields=None, **kwargs):
    """A live page saved outside of publishing (by code: an import, a command, a fix)."""
    from wagtail.models import Page

    if (
        isinstance(instance, Page)
        and instance.live
        and not (update_fields and set(update_fields) <= REVISION_BOOKKEEPING)
    ):
        new_generation()


@receiver(post_delete, dispatch_uid="page-cache-page-delete")
def page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        new_generation()


@receiver(post_save, sender=get_document_model(), dispatch_uid="page-cache-document")
@receiver(post_save, sender=get_image_model(), dispatch_uid="page-cache-image")
def media_changed(sender, instance, **kwargs):
    new_generation()


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests for public HTML pages from the cache (`X-Cache` says so)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def cacheable_request(self, request) -> bool:
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(EXCLUDED_PREFIXES)
            and not request.user.is_authenticated
        )

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        address = f"{request.get_host()}{request.get_full_path()}".encode()
        key = f"page-cache:{generation()}:{hashlib.sha256(address).hexdigest()}"
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if self.cacheable_response(request, response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        response["X-Cache"] = "MISS"
        return response

    def cacheable_response(self, request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not request.META.get("CSRF_COOKIE_USED")
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )


# How long a fragment is kept: it is never stale (its key names the generation), so this only
# bounds how long fragments of past generations take up room.
FRAGMENT_SECONDS = 24 * 60 * 60
# How many fragments each process keeps in its own memory as well (the last used).
LOCAL_FRAGMENTS = 4096


def cached_fragments(
    request, name: str, keys: list, render: Callable[[list], dict[object, SafeString]]
) -> dict[object, SafeString]:
    """HTML fragments (the cards of a listing; `name` is a slug), each rendered once per
    generation, language and site and kept in the cache, as Wagtail's `{% wagtailcache %}`
    keeps one: one cache round trip for all of them, none for those this process kept in its
    memory, and `render(missing)` builds those not kept yet, returning {key: html}. Answers
    {key: html} in the order of `keys`, without the keys `render` left out (a page no longer
    live).

    The page cache keeps whole pages for one address; fragments are shared by every address
    listing the same item (every filter combination, every page of results), and serve
    logged-in users too: a card is the same for everyone.
    """
    site = getattr(request, "_wagtail_site", None)
    prefix = f"fragment:{name}:{generation()}:{get_language()}:{site.pk if site else ''}:"
    local = last_used("fragments", LOCAL_FRAGMENTS)
    names = {key: f"{prefix}{key}" for key in keys}
    found = {name: html for name in names.values() if (html := local.get(name)) is not None}
    if wanted := {name: key for key, name in names.items() if name not in found}:
        kept = cache.get_many(list(wanted))
        if missing := [key for name, key in wanted.items() if name not in kept]:
            rendered = {names[key]: html for key, html in render(missing).items()}
            cache.set_many(rendered, FRAGMENT_SECONDS)
            kept.update(rendered)
        for name, html in kept.items():
            local.put(name, html)
        found.update(kept)
    # Safe strings as `render` returned them: the cache pickles them as they are.
    return {key: found[name] for key, name in names.items() if name in found}
