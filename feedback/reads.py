"""Article reads, counted without a tracker and without costing the page
cache its speed: each article page served (from the cache or rendered; not
a 304, not a HEAD, not a crawler) is one more read of that article in that
language that day.

Each process counts in memory (an addition, no input or output) and adds
its counts to the DailyReads rows in one write transaction at most every
PUSH_EVERY seconds, at the first read after that, and when it exits. A
process killed without warning loses the reads it counted since its last
push: a few seconds of its pages. Neither the cache nor Redis is involved:
a restart of either loses nothing.
"""

import atexit
import contextlib
import logging
import re
import threading
import time
from collections import Counter

from django.db import transaction
from django.db.models import F, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from articles.models import Article
from helpcenter.unavailable import UNAVAILABLE

from .models import DailyReads

logger = logging.getLogger(__name__)

PUSH_EVERY = 5  # seconds
# Search engines, link previews and monitors: not readers. No user agent at
# all is a script.
_NOT_A_READER = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|monitor"
    r"|curl|wget|python|java/|go-http|headless|lighthouse|^$",
    re.IGNORECASE,
)
ARTICLE_PAGE = "articles:article"

# This process's reads not in the database yet: {(article, language, day): n}.
_pending = Counter()
_lock = threading.Lock()


def count_read(article_id, language, day=None):
    """One more read of `article_id` in `language` today."""
    with _lock:
        _pending[(article_id, language, day or timezone.localdate())] += 1


def push_reads():
    """Add this process's reads counted so far to the database, in one
    transaction; returns how many. Kept for the next push if the database
    does not answer."""
    with _lock:
        counts = dict(_pending)
        _pending.clear()
    if not counts:
        return 0
    try:
        with transaction.atomic():
            # An article deleted meanwhile has no rows to add to.
            existing = set(
                Article.objects.filter(
                    pk__in={article_id for article_id, _l, _d in counts}
                ).values_list("pk", flat=True)
            )
            for (article_id, language, day), count in sorted(counts.items()):
                if article_id in existing:
                    _add_reads(article_id, language, day, count)
    except UNAVAILABLE:
        logger.warning("Reads kept for later: the database does not answer.")
        with _lock:
            _pending.update(counts)
        return 0
    return sum(counts.values())


def _add_reads(article_id, language, day, count):
    updated = DailyReads.objects.filter(
        article_id=article_id, language=language, day=day
    ).update(reads=F("reads") + count)
    if not updated:
        DailyReads.objects.create(
            article_id=article_id, language=language, day=day, reads=count
        )


def _push_at_exit():
    # The interpreter is going: whatever fails, it must not hide why.
    with contextlib.suppress(Exception):
        push_reads()


def is_reader(request):
    return not _NOT_A_READER.search(request.headers.get("User-Agent", ""))


class CountReadsMiddleware:
    """Counts the article pages served to readers, cached or not, and adds
    the counts to the database every few seconds."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.next_push = 0
        atexit.register(_push_at_exit)

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if (
            match is not None
            and match.view_name == ARTICLE_PAGE
            and request.method == "GET"
            and response.status_code == 200
            and is_reader(request)
        ):
            count_read(match.kwargs["pk"], request.LANGUAGE_CODE)
            if time.monotonic() >= self.next_push:
                self.next_push = time.monotonic() + PUSH_EVERY
                push_reads()
        return response


def reads_by_language(article_id):
    """All the reads of an article counted so far: {language: reads}, and
    "" for every language."""
    rows = (
        DailyReads.objects.filter(article_id=article_id)
        .values("language")
        .annotate(total=Sum("reads"))
        .order_by()
    )
    counts = {row["language"]: row["total"] for row in rows}
    return {"": sum(counts.values()), **counts}


def weekly_reads(article_id, weeks):
    """Reads per week (all languages) for the weeks starting on `weeks`' days."""
    rows = (
        DailyReads.objects.filter(article_id=article_id, day__gte=weeks[0])
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(total=Sum("reads"))
        .order_by()
    )
    counts = {row["week"]: row["total"] for row in rows}
    return [counts.get(start, 0) for start in weeks]
