"""Recording answers to "Did this answer your question?": one row per visitor
and article, the latest answer winning."""

from dataclasses import dataclass

from django.db import connections, router
from django.utils import timezone

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
    _upsert(vote, changed)
    cache_tags.votes_changed(article.pk)
    plain_no = value == Feedback.Value.NO and not details
    return vote_of(article.pk, visitor) if plain_no else vote


# Written out, as the ORM's `bulk_create(update_conflicts=True)` and
# `filter(...).first()` would say them: the ORM builds each statement anew
# every time, a quarter of a millisecond that a vote (and every page a
# signed-in reader opens) would spend on it.
_VOTE_OF = (
    f"SELECT * FROM {Feedback._meta.db_table} "  # noqa: S608 - constants only
    "WHERE article_id = %s AND visitor = %s"
)


def _upsert(vote, changed):
    """Insert `vote`'s row, or update the `changed` fields of the one the
    visitor has about the article: one INSERT ... ON CONFLICT DO UPDATE."""
    connection = connections[router.db_for_write(Feedback)]
    quote = connection.ops.quote_name
    vote.created_at = vote.voted_at = timezone.now()
    fields = [
        field for field in Feedback._meta.concrete_fields if not field.primary_key
    ]
    updated = [quote(Feedback._meta.get_field(name).column) for name in changed]
    # Only names of our model's fields go into it; the values are parameters.
    sql = (
        f"INSERT INTO {quote(Feedback._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({quote('article_id')}, {quote('visitor')}) DO UPDATE SET "
        + ", ".join(f"{column} = EXCLUDED.{column}" for column in updated)
    )
    # The row's id, as bulk_create gives it where the database can say.
    returns_id = connection.features.can_return_rows_from_bulk_insert
    if returns_id:
        sql += f" RETURNING {quote('id')}"
    params = [
        field.get_db_prep_save(getattr(vote, field.attname), connection)
        for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if returns_id:
            vote.pk = cursor.fetchone()[0]


def vote_of(article_id, visitor):
    """`visitor`'s current answer about the article, or None (one row at
    most: unique per article and visitor)."""
    return next(iter(Feedback.objects.raw(_VOTE_OF, [article_id, visitor.key])), None)
