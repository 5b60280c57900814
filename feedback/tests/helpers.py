"""Answers made in bulk for tests: real rows in the real database."""

from feedback.cache_tags import votes_changed
from feedback.models import Feedback


def answers(article, language="en", yes=0, no=0, **fields):
    """`yes` then `no` votes from new visitors; `fields` go on the no votes."""
    start = Feedback.objects.count()
    Feedback.objects.bulk_create(
        Feedback(
            article=article,
            visitor=f"visitor-{start + number}",
            language=language,
            value="yes" if number < yes else "no",
            **(fields if number >= yes else {}),
        )
        for number in range(yes + no)
    )
    votes_changed(article.pk)  # as votes do (bulk_create sends no signal)
