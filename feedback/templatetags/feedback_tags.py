"""The home page's most helpful articles (the "Did this answer your
question?" widget is a part of the article page: feedback/parts.py)."""

from django import template

from .. import stats

register = template.Library()


@register.simple_tag
def most_helpful(articles):
    """The `articles` readers found most helpful, best first."""
    return stats.most_helpful(articles)
