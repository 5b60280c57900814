from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True


def _cache_answers():
    # A read reaches the server (Redis) or the table (database cache) without
    # writing: probes under load must not contend with real traffic.
    try:
        cache.get("healthz-probe")
    except Exception:
        return False
    return True


@require_safe
@never_cache
def healthz(request):
    """For load balancers: 200 when the database and the cache answer."""
    checks = {
        "database": "ok" if _database_answers() else "unreachable",
        "cache": "ok" if _cache_answers() else "unreachable",
    }
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks},
        status=200 if healthy else 503,
    )


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(
        reverse("django.contrib.sitemaps.views.sitemap")
    )
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/accounts/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def media(request, path):
    """Uploaded files kept on this machine's disk (the default storage); their
    names change with their content, so browsers may keep them a year."""
    # With an object store there is no folder here: nothing to serve (an
    # empty root would serve the working directory).
    if not settings.MEDIA_ROOT:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
