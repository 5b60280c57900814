"""Articles imported together may link to each other before they all exist:
while `articles_pending(keys)` is active, an `article:` link to one of
`keys` renders as PENDING_LINK instead of being refused, and the importer
renders the articles again once they all exist (content_files)."""

from contextlib import contextmanager
from contextvars import ContextVar

_pending_article_keys = ContextVar("pending_article_keys", default=frozenset())
PENDING_LINK = "#"


@contextmanager
def articles_pending(keys):
    token = _pending_article_keys.set(frozenset(keys))
    try:
        yield
    finally:
        _pending_article_keys.reset(token)


def pending_article_keys():
    """The keys set by the innermost `articles_pending`, if any."""
    return _pending_article_keys.get()
