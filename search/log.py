"""The search log (SearchQuery), written in batches: a search costs no
database write of its own, so that the search page can be as cheap as a
page from the cache.

Each process keeps the searches it served and writes them in one insert
when SEARCH_LOG_BATCH have gathered, or when one of them is
SEARCH_LOG_SECONDS old as the next search comes, and when the process
exits. A process killed without warning loses at most that many entries
of an anonymous log; a log that cannot be written loses its batch with a
warning and never fails a search."""

import atexit
import logging
import threading

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_pending = []


def _due(now):
    return len(_pending) >= settings.SEARCH_LOG_BATCH or (
        (now - _pending[0].searched_at).total_seconds() >= settings.SEARCH_LOG_SECONDS
    )


def _write(batch):
    from .models import SearchQuery

    try:
        SearchQuery.objects.bulk_create(batch)
    except DatabaseError:
        logger.warning("Search log: %s searches lost.", len(batch), exc_info=True)


def add(*, query, language, results, corrected):
    """Log a search; write the batch if it is due."""
    from .models import SearchQuery

    now = timezone.now()
    entry = SearchQuery(
        query=query,
        language=language,
        results=results,
        corrected=corrected,
        searched_at=now,
    )
    with _lock:
        _pending.append(entry)
        if not _due(now):
            return
        batch = _pending[:]
        _pending.clear()
    _write(batch)


def flush():
    """Write what this process has not written yet."""
    with _lock:
        batch = _pending[:]
        _pending.clear()
    if batch:
        _write(batch)


def discard():
    """Forget what this process has not written (between tests)."""
    with _lock:
        _pending.clear()


def pending():
    """How many searches wait to be written (for tests and the bench)."""
    return len(_pending)


atexit.register(flush)
