"""The knowledge base's tag in the page cache (helpcenter/page_cache.py):
every shared page shows articles and categories somewhere."""

from helpcenter import page_cache

CONTENT = "content"


def content_changed(**kwargs):
    """An article or category was saved or deleted (signal receiver)."""
    page_cache.invalidate(CONTENT)
