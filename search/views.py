from http import HTTPStatus

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from .service import SORTS, SearchService


@require_GET
def search(request):
    outcome = SearchService(request=request).search(request.GET)
    hidden = [("q", outcome.query)]
    if outcome.all_languages:
        hidden.append(("languages", "all"))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "outcome": outcome,
            "search_query": outcome.query,
            "hidden": hidden,
            "sorts": list(SORTS.items()),
        },
    )


@require_GET
def autocomplete(request):
    """Titles of this language's pages that start like what the visitor typed, as JSON."""
    query = request.GET.get("q", "")
    results = SearchService().autocomplete(query)
    return JsonResponse({"query": query[:200], "results": results}, status=HTTPStatus.OK)
