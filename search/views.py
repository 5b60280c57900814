from django.core.paginator import InvalidPage
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from articles.cache_tags import CONTENT
from feedback.cache_tags import ALL_VOTES
from helpcenter import page_cache
from helpcenter.unavailable import consume_or_429

from . import engine
from .synonyms import SYNONYMS


@require_safe
def search(request):
    query = engine.normalise_query(request.GET.get("q", ""))
    if not query:
        return search_page(request)
    # allauth leaves GET requests alone unless told: searching is one.
    limited = consume_or_429(request, action=engine.RATE_LIMIT_ACTION, limit_get=True)
    if limited:
        return limited
    try:
        results = engine.shared_search(
            query,
            get_language(),
            page=request.GET.get("page", 1),
            exact=request.GET.get("exact") == "1",
        )
    except InvalidPage as error:
        raise Http404(error) from error
    # Counted whether the page comes from the cache or not.
    engine.record(results)
    return search_page(request, query=query, results=results)


# A search that found nothing shows the most helpful articles: votes too.
@page_cache.shared_page(
    "search:search",
    CONTENT,
    SYNONYMS,
    ALL_VOTES,
    key_parameters=("q", "page", "exact"),
)
def search_page(request, query="", results=None):
    """The page for these results, everyone's: kept whole in the cache."""
    return render(request, "search/search.html", {"query": query, "results": results})


@require_safe
def suggestions(request):
    """Articles for the words being typed in a search box, as JSON:
    `{"suggestions": [{"title": ..., "url": ...}]}` (search-suggest.js)."""
    # allauth leaves GET requests alone unless told.
    limited = consume_or_429(
        request, action=engine.SUGGEST_RATE_LIMIT_ACTION, limit_get=True
    )
    if limited:
        return limited
    found = engine.suggest(request.GET.get("q", ""), get_language())
    response = JsonResponse({"suggestions": found})
    # The same words are typed again and again; articles change rarely.
    patch_cache_control(response, public=True, max_age=60)
    return response
