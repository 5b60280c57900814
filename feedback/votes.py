"""Recording answers to "Did this answer your question?": one row per visitor
and article, the latest answer winning."""

from dataclasses import dataclass

from articles.models import DEFAULT_LANGUAGE

from . import cache_tags
from .models import Feedback


@dataclass(frozen=True)
class Visitor:
    """Who answers: a signed-in reader (`user`) or a cookie's random id."""

    key: str
    user: object = None

    @classmethod
    def for_user(cls, user):
        return cls(key=f"user:{user.pk}", user=user)


def record_vote(
    article,
    visitor,
    *,
    value,
    language,
    reason="",
    comment="",
    search_query="",
    details=False,
):
    """Store `visitor`'s answer about `article`, read on a `language` page.

    One row per visitor and article, and the latest answer wins. It is a
    single INSERT ... ON CONFLICT DO UPDATE, so concurrent answers from one
    visitor can neither make two rows nor leave half of one. `details` says
    the answer carries the "what went wrong?" follow-up; only such a No
    writes the reason and comment. Any other answer keeps those given
    earlier: a No turned into a Yes changes the answer, and the reader's
    words stay on the row for the editors. The language
    recorded is the one of the text read (the default language's when the
    article has no translation), with that text's last-updated time.
    Returns the answer: after a plain No as stored (read again, since it may
    keep a reason and comment given before, which the widget shows); any
    other answer as sent, without a second query that a concurrent answer
    could overtake (a Yes's kept words are for the editors, not the widget)."""
    read = language if article.has_translation(language) else DEFAULT_LANGUAGE
    vote = Feedback(
        article=article,
        visitor=visitor.key,
        user=visitor.user,
        language=read,
        value=value,
        reason=reason if value == Feedback.Value.NO else "",
        comment=comment if value == Feedback.Value.NO else "",
        search_query=search_query,
        article_updated_at=article.updated_at(read),
    )
    changed = ["value", "language", "user", "article_updated_at", "voted_at"]
    writes_details = value == Feedback.Value.NO and details
    if writes_details:
        changed += ["reason", "comment"]
    if search_query:
        changed.append("search_query")
    Feedback.objects.bulk_create(
        [vote],
        update_conflicts=True,
        unique_fields=["article", "visitor"],
        update_fields=changed,
    )
    cache_tags.votes_changed(article.pk)
    plain_no = value == Feedback.Value.NO and not details
    return vote_of(article.pk, visitor) if plain_no else vote


def vote_of(article_id, visitor):
    """`visitor`'s current answer about the article, or None."""
    # One row at most (unique per article and visitor): `first()` would sort
    # it, costing a page rendered for one reader a fifth of its queries' time.
    found = Feedback.objects.filter(article_id=article_id, visitor=visitor.key)
    return next(iter(found.order_by()[:1]), None)
