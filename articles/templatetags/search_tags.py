from django import template
from django.utils.translation import get_language

from .. import page_cache, search

register = template.Library()


@register.simple_tag
def related_articles(article):
    """Articles to read after `article`, in the reader's language (kept in
    the cache until an article or category changes)."""
    language = get_language()
    return page_cache.fragment(
        f"related:{article.pk}:{language}",
        [page_cache.CONTENT],
        lambda: search.related_articles(article, language),
    )
