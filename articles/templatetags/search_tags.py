from django import template
from django.utils.translation import get_language

from .. import search

register = template.Library()


@register.simple_tag
def related_articles(article):
    """Articles to read after `article`, in the reader's language."""
    return search.related_articles(article, get_language())
