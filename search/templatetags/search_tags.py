from django import template
from django.utils.translation import get_language

from articles.cache_tags import CONTENT
from helpcenter import page_cache

from .. import engine

register = template.Library()


@register.simple_tag
def related_articles(article):
    """Articles to read after `article`, in the reader's language (kept in
    the cache until an article or category changes)."""
    language = get_language()
    return page_cache.fragment(
        f"related:{article.pk}:{language}",
        [CONTENT],
        lambda: engine.related_articles(article, language),
    )


@register.simple_tag
def fallback_articles():
    """Articles to offer when a search finds nothing (the feedback app's
    `most_helpful` picks among them), in the reader's language, kept in the
    cache until an article or category changes."""
    language = get_language()
    return page_cache.fragment(
        f"search-fallback:{language}",
        [CONTENT],
        lambda: engine.fallback_candidates(language),
    )
