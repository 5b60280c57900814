"""Feedback's tags in the page cache (helpcenter/page_cache.py): an
article's page shows its counts, the home page the most helpful articles."""

from helpcenter import page_cache

ALL_VOTES = "votes"


def article_votes(pk, **kwargs):
    return f"votes:{pk}"


def votes_changed(article_id):
    """The article's counts and the home page's most helpful articles."""
    page_cache.invalidate(ALL_VOTES, article_votes(article_id))


def feedback_changed(instance, **kwargs):
    """An answer was saved or deleted one by one (signal receiver; votes
    themselves are upserts, which call votes_changed)."""
    votes_changed(instance.article_id)
