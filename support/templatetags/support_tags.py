"""The "Contact support" link, for any page that offers it: the support
page in the reader's language, with the article it is about and, after a
No, the reason chosen (support/views.py reads them back)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def support_url(article_id=None, reason=""):
    """`/<lang>/support/`, with `?article=<id>` and `&reason=<code>`."""
    url = reverse("support:form")
    query = {}
    if article_id:
        query["article"] = article_id
        if reason:
            query["reason"] = reason
    return f"{url}?{urlencode(query)}" if query else url
