"""Articles the support form offers for the subject being typed, each
through a link that records it was opened (support/deflection.py)."""

from urllib.parse import urlencode

from django.urls import Resolver404, resolve, reverse

from search import engine

from . import deflection

LIMIT = 3


def for_subject(subject, language, draft):
    """Up to three published articles in `language` matching `subject`:
    [{"title", "url"}], the URL leading through `support:suggested`."""
    found = []
    for suggestion in engine.suggest(subject, language, limit=LIMIT):
        try:
            pk = int(resolve(suggestion["url"]).kwargs["pk"])
        except (Resolver404, KeyError, ValueError):
            continue
        url = suggestion["url"]
        if draft:
            token = deflection.suggestion_token(pk, draft, language)
            url = f"{reverse('support:suggested')}?{urlencode({'t': token})}"
        found.append({"title": suggestion["title"], "url": url})
    return found
