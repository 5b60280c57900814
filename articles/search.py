"""Finding articles for a reader's query. A first, simple matcher: the ranked,
stemmed, accent-insensitive search per database vendor is issue #6."""

from django.db.models import Q

from .models import Article

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50


def search(query, language):
    """Published articles whose text in `language` contains every word."""
    words = query[:MAX_QUERY_LENGTH].split()
    articles = Article.objects.published().select_related("category")
    for word in words:
        articles = articles.filter(
            Q(**{f"title_{language}__icontains": word})
            | Q(**{f"summary_{language}__icontains": word})
            | Q(**{f"body_{language}__icontains": word})
        )
    return list(articles[:MAX_RESULTS]) if words else []
