from allauth.core.ratelimit import consume_or_429
from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from . import search


@require_safe
def suggestions(request):
    """Articles for the words being typed in a search box, as JSON:
    `{"suggestions": [{"title": ..., "url": ...}]}` (search-suggest.js)."""
    # allauth leaves GET requests alone unless told.
    limited = consume_or_429(
        request, action=search.SUGGEST_RATE_LIMIT_ACTION, limit_get=True
    )
    if limited:
        return limited
    found = search.suggest(request.GET.get("q", ""), get_language())
    response = JsonResponse({"suggestions": found})
    # The same words are typed again and again; articles change rarely.
    patch_cache_control(response, public=True, max_age=60)
    return response
