"""Article reads, counted without a tracker and without costing the page
cache its speed: each article page served (from the cache or rendered; not
a 304, not a HEAD, not a crawler) is one increment of a counter in the shared
cache, per article, language and day.

The counters are moved into DailyReads rows in one batch about once a minute
(by the first read after a minute has passed, in whichever process serves
it, or `manage.py flush_reads`), so a Redis restart loses the reads of at
most the last minute; with the database cache the counters are rows and a
restart loses nothing. With Redis an increment is one atomic INCR; with the
database cache it is a read and a write of one row (Django's incr is no
better there), so two reads of one page at the same instant may count once.
"""

import logging
import re
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models import F, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from articles.models import Article
from helpcenter.unavailable import CACHE_DOWN

from .models import DailyReads

logger = logging.getLogger(__name__)

_KEY = "reads:{day}:{article}:{language}"
# A counter not moved within this long is lost (the worker stopped for days).
_KEEP = int(timedelta(days=2).total_seconds())
_FLUSH_LOCK = "reads:flushing"
_FLUSHED_RECENTLY = "reads:flushed"
FLUSH_EVERY = 60  # seconds
# Search engines, link previews and monitors: not readers. No user agent at
# all is a script.
_NOT_A_READER = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|monitor"
    r"|curl|wget|python|java/|go-http|headless|lighthouse|^$",
    re.IGNORECASE,
)
ARTICLE_PAGE = "articles:article"


def count_read(article_id, language, day=None):
    """One more read of `article_id` in `language` today."""
    key = _KEY.format(
        day=(day or timezone.localdate()).isoformat(),
        article=article_id,
        language=language,
    )
    try:
        if isinstance(caches["default"], RedisCache):
            try:
                cache.incr(key)  # atomic; the counter keeps its expiry
            except ValueError:  # the day's first read (or a race for it)
                if not cache.add(key, 1, _KEEP):
                    cache.incr(key)
        else:
            # What Django's incr does here, but keeping the counter as long
            # as ours and not the cache's default five minutes.
            cache.set(key, cache.get(key, 0) + 1, _KEEP)
    except CACHE_DOWN:
        logger.warning("A read was not counted: the cache does not answer.")


def is_reader(request):
    return not _NOT_A_READER.search(request.headers.get("User-Agent", ""))


class CountReadsMiddleware:
    """Counts the article pages served to readers, cached or not, and moves
    the counts to the database about once a minute."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.next_flush = 0  # this process's; the cache says for the site

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
            if time.monotonic() >= self.next_flush:
                self.next_flush = time.monotonic() + FLUSH_EVERY
                _flush_if_due()
        return response


def _flush_if_due():
    try:
        if cache.add(_FLUSHED_RECENTLY, True, FLUSH_EVERY):
            flush_reads()
    except CACHE_DOWN:
        logger.warning(
            "Reads were not moved to the database: the cache does not answer."
        )


def flush_reads(now=None):
    """Move the counters of today and yesterday into DailyReads; returns the
    number of reads moved. One flush at a time (a lock in the cache): each
    counter is read, added to its row, then decreased by what was read, so
    reads counted meanwhile stay for the next flush."""
    today = timezone.localdate(now)
    days = [today - timedelta(days=1), today]
    articles = Article.objects.values_list("pk", flat=True)
    languages = [code for code, _name in settings.LANGUAGES]
    keys = {
        _KEY.format(day=day.isoformat(), article=pk, language=language): (
            pk,
            language,
            day,
        )
        for pk in articles.iterator()
        for language in languages
        for day in days
    }
    if not cache.add(_FLUSH_LOCK, True, 300):
        return 0
    try:
        moved = {}
        names = list(keys)
        for start in range(0, len(names), 1000):
            found = cache.get_many(names[start : start + 1000])
            moved.update({key: count for key, count in found.items() if count})
        with transaction.atomic():
            for key, count in moved.items():
                _add_reads(*keys[key], count)
        for key, count in moved.items():
            cache.decr(key, count)
        return sum(moved.values())
    finally:
        cache.delete(_FLUSH_LOCK)


def _add_reads(article_id, language, day, count):
    updated = DailyReads.objects.filter(
        article_id=article_id, language=language, day=day
    ).update(reads=F("reads") + count)
    if not updated:
        DailyReads.objects.create(
            article_id=article_id, language=language, day=day, reads=count
        )


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
