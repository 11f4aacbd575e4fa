from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """Plain words only, of bounded length.

    Double quotes are dropped: the SQLite back end of modelsearch 1.3 quotes each term with
    `"…"` without escaping quotes inside it, so a stray `"` would break the FTS5 expression.
    """
    return " ".join(raw.replace('"', " ").split())[:MAX_QUERY_LENGTH]


def search(request):
    """Full-text search over the live pages of the visitor's language."""
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)
        )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": page,
            "page_range": paginator.get_elided_page_range(page.number),
        },
    )
