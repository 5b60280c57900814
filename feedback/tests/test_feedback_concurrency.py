"""Concurrent votes on PostgreSQL (the production database): many at once,
several per visitor, end with exactly one row per visitor and counts that
match. SQLite serialises writers, so there is nothing to race there; CI runs
this file on PostgreSQL."""

import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from articles.tests.helpers import make_article
from feedback import stats, votes
from feedback.models import Feedback

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a PostgreSQL concurrency test"
    ),
]

VISITORS = 48
VOTES_PER_VISITOR = 5  # 240 votes
THREADS = 16


def test_concurrent_votes_leave_one_row_per_visitor_and_matching_counts():
    article = make_article()
    # Visitors of the first third always say yes, of the second always no;
    # the others change their mind, and whichever answer lands last wins.
    plans = {}
    for number in range(VISITORS):
        visitor = votes.Visitor(f"visitor-{number:03d}")
        group = number % 3
        values = (
            ["yes"] * VOTES_PER_VISITOR
            if group == 0
            else ["no"] * VOTES_PER_VISITOR
            if group == 1
            else random.choices(["yes", "no"], k=VOTES_PER_VISITOR)
        )
        plans[visitor] = values
    planned = [
        (visitor, value) for visitor, values in plans.items() for value in values
    ]
    random.shuffle(planned)
    start = threading.Barrier(THREADS)
    stored = []  # (visitor, value sent, the row record_vote read back)

    def vote(batch):
        try:
            start.wait()
            for visitor, value in batch:
                row = votes.record_vote(
                    article,
                    visitor,
                    value=value,
                    language=random.choice(["en", "fr"]),
                    reason="unclear" if value == "no" else "",
                    details=value == "no",
                )
                stored.append((visitor, value, row))
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(vote, [planned[n::THREADS] for n in range(THREADS)]))

    rows = list(Feedback.objects.filter(article=article))
    assert len(rows) == VISITORS
    assert len({row.visitor for row in rows}) == VISITORS
    by_visitor = {row.visitor: row for row in rows}
    # Every vote was stored, each visitor's in their one row, and each read
    # back its own answer, not one another request stored meanwhile.
    assert len(stored) == len(planned)
    for visitor, value, row in stored:
        assert (row.pk, row.visitor) == (by_visitor[visitor.key].pk, visitor.key)
        assert (row.value, row.reason) == (value, "unclear" if value == "no" else "")
    for visitor, values in plans.items():
        row = by_visitor[visitor.key]
        assert row.value in values
        # A No's reason stays on the row when a later answer is Yes.
        assert row.reason == ("unclear" if "no" in values else "")
    counted = stats.helpfulness_by_language(article.pk)[""]
    yes = sum(row.value == "yes" for row in rows)
    assert (counted.yes, counted.total) == (yes, VISITORS)
    assert VISITORS // 3 <= yes <= VISITORS - VISITORS // 3
