"""The hub's public read API: Wagtail's API v2 at /api/v2/, with pages, images and documents.

Read-only and anonymous. The pages endpoint shows live, public pages only, and of each page only
the fields its model lists in `api_fields` (see `dcaht.serializers`) and the meta fields below.
On top of Wagtail's parameters it filters by theme and place; it has no full-text search (the
search app provides the hub's search), so `search=` is refused like any unknown parameter, and
so are filters on arbitrary fields. An unknown parameter, locale, theme, place or ordering, or a
`limit` over `WAGTAILAPI_LIMIT_MAX`, is a 400 with a message; an `offset` past the last item, an
empty list.

`openapi.json`, beside this module, describes the API; it is written by hand, and a test keeps
it in step with the endpoints.
"""

import re
from functools import cache, reduce, wraps
from operator import or_
from pathlib import Path

from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.urls import path, reverse

from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.utils.urlpatterns import decorate_urlpatterns

from rest_framework.filters import BaseFilterBackend

from dcaht.facets import Facet, declared_facets
from dcaht.i18n import LANGUAGE_CODES
from dcaht.privacy import hidden_documents, public
from dcaht.serializers import SerializationBatch, TranslationsField, TranslationStateField

OPENAPI_FILE = Path(__file__).with_name("openapi.json")
SEARCH_PARAMETERS = frozenset({"search", "search_operator"})
ORDERABLE_FIELDS = frozenset({"id", "title", "slug", "first_published_at"})
SLUG = re.compile(r"^[-\w]+$", re.ASCII)


def requested_slugs(request, parameter: str, facet: Facet) -> list[str]:
    """The slugs of `?parameter=a,b`, each of which must name a record of the facet's model."""
    slugs = request.GET[parameter].split(",")
    if not all(SLUG.match(slug) for slug in slugs):
        raise BadRequestError(f"{parameter} must be one or more slugs separated by commas")
    records = facet.model.objects.filter(**{f"{facet.key}__in": slugs})
    unknown = sorted(set(slugs) - set(records.values_list(facet.key, flat=True)))
    if unknown:
        raise BadRequestError(f"unknown {parameter}: {', '.join(unknown)}")
    return slugs


class DeclaredFacetFilter(BaseFilterBackend):
    """`?<param>=<slug>[,<slug>…]`: the pages of every type declaring the entity facet `param`
    (`BasePage.facets`) that hold any of these values."""

    param = ""

    def filter_queryset(self, request, queryset, view):
        if self.param not in request.GET:
            return queryset
        declared = list(declared_facets(self.param))
        slugs = requested_slugs(request, self.param, declared[0][1])
        return queryset.filter(
            reduce(
                or_,
                (
                    Q(pk__in=model.objects.filter(**{f"{facet.lookup}__in": slugs}).values("pk"))
                    for model, facet in declared
                ),
            )
        )


class ThemeFilter(DeclaredFacetFilter):
    """`?theme=<slug>[,<slug>…]`: practices and resources about any of these themes."""

    param = "theme"


class PlaceFilter(DeclaredFacetFilter):
    """`?place=<slug>[,<slug>…]`: practices, place pages, reports and events of these places."""

    param = "place"


class Pagination(WagtailPagination):
    """Wagtail's pagination, with an offset past the last item answering an empty list without
    asking the database (which refuses an offset beyond its integers: a 500 before)."""

    def paginate_queryset(self, queryset, request, view=None):
        items = super().paginate_queryset(queryset, request, view)
        if int(request.GET.get("offset", 0)) >= self.total_count:
            return queryset.none()
        return items


class PagesEndpoint(PagesAPIViewSet):
    """Wagtail's pages endpoint, without search or field filters, with theme and place filters,
    each page's translations, and the relations of a listing fetched once for all its pages."""

    pagination_class = Pagination
    filter_backends = [
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        ThemeFilter,
        PlaceFilter,
    ]
    known_query_parameters = (
        PagesAPIViewSet.known_query_parameters
        # One site; rich text is always rendered to HTML (see dcaht.serializers).
        - SEARCH_PARAMETERS
        - {"site", "rich_text_format"}
    ) | {"theme", "place"}
    meta_fields = [
        *PagesAPIViewSet.meta_fields,
        APIField("translations", serializer=TranslationsField()),
        APIField("translation", serializer=TranslationStateField()),
    ]
    # Rendered from blocks: shown on a page's detail, not in listings, to keep these bounded.
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "body", "chapters", "contributions"]

    batch: SerializationBatch | None = None

    @classmethod
    def get_listing_default_fields(cls, model):
        fields = super().get_listing_default_fields(model)
        if "summary" in cls.get_body_fields_names(model):
            fields.append("summary")
        return fields

    def check_query_parameters(self, queryset=None):
        """Only the documented parameters, with a known locale and ordering."""
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: "
                + ", ".join(sorted(unknown))
            )
        locale = self.request.GET.get("locale")
        if locale is not None and locale not in LANGUAGE_CODES:
            raise BadRequestError(f"unknown locale: {locale}")
        for field in self.request.GET.get("order", "").split(","):
            if field and field != "random" and field.removeprefix("-") not in ORDERABLE_FIELDS:
                raise BadRequestError(f"cannot order by '{field}'")

    def get_base_queryset(self):
        if not hasattr(self, "_base_queryset"):
            # Wagtail's base reads each tree's restrictions; a page's own are every language's.
            self._base_queryset = public(super().get_base_queryset())
        return self._base_queryset

    def get_queryset(self):
        return super().get_queryset().select_related("locale").order_by("path")

    def paginate_queryset(self, queryset):
        pages = list(super().paginate_queryset(queryset))
        self.batch = SerializationBatch(pages, available_pages=self.get_base_queryset())
        return pages

    def detail_view(self, request, pk):
        self.check_query_parameters()
        return super().detail_view(request, pk)

    def get_object(self):
        page = super().get_object()
        if self.batch is None:
            self.batch = SerializationBatch([page], available_pages=self.get_base_queryset())
        return page


class ImagesEndpoint(ImagesAPIViewSet):
    pagination_class = Pagination
    filter_backends = [FieldsFilter, OrderingFilter]
    known_query_parameters = ImagesAPIViewSet.known_query_parameters - SEARCH_PARAMETERS


class DocumentsEndpoint(DocumentsAPIViewSet):
    """Wagtail's documents endpoint, without the documents an anonymous visitor may not open
    (of a restricted collection, which Wagtail leaves out, or used only on private pages)."""

    pagination_class = Pagination
    filter_backends = [FieldsFilter, OrderingFilter]
    known_query_parameters = DocumentsAPIViewSet.known_query_parameters - SEARCH_PARAMETERS

    def get_queryset(self):
        return super().get_queryset().exclude(hidden_documents())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)


def index(request):
    """Where the endpoints and the API's description are."""
    return JsonResponse(
        {
            name: request.build_absolute_uri(reverse(f"wagtailapi:{name}:listing"))
            for name in ("pages", "images", "documents")
        }
        | {"openapi": request.build_absolute_uri(reverse("wagtailapi:openapi"))}
    )


@cache
def openapi_document() -> bytes:
    return OPENAPI_FILE.read_bytes()


def openapi(request):
    """The OpenAPI 3 description of the API."""
    return HttpResponse(openapi_document(), content_type="application/json")


def api_view(view):
    """An API view: readable from partner sites' scripts, and its 404s stay 404s."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        # Anonymous data: any site may read it from its pages (browsers send no credentials).
        response["Access-Control-Allow-Origin"] = "*"
        # LocaleMiddleware answers a 404 outside the language prefixes with a redirect to the
        # same path under one, where Wagtail serves pages; it reads the URLconf from the
        # request, and the API's own (this module's patterns) has no language prefixes.
        request.urlconf = __name__
        return response

    return wrapped


urlpatterns = decorate_urlpatterns(
    [
        path("", index, name="index"),
        path("openapi.json", openapi, name="openapi"),
        *api_router.get_urlpatterns(),
    ],
    api_view,
)
