"""When the shared cache (Redis, or the database table) or the database
does not answer: degrade instead of failing.

- Reading and voting go on: their rate limits let requests through while
  the cache is down (`consume`, `consume_or_429`), which is logged at most
  once a minute per process, not per request.
- Account flows cannot: their limits protect accounts from guessing. Their
  requests, like any other view that needs what is down, answer 503 with a
  translated "try again in a minute" page and Retry-After
  (`ServiceUnavailableMiddleware`), never 500.
- /healthz says 503 until both answer again (helpcenter/views.py), and the
  clients reconnect on their own: nothing needs a restart."""

import logging
import time

from allauth.core import ratelimit
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

# What the cache backends raise when their server does not answer.
CACHE_DOWN = (RedisError, DatabaseError, OSError)
# What a view meets when the cache or the database does not answer (not a
# bug of ours: an IntegrityError or a ProgrammingError stays a 500).
UNAVAILABLE = (RedisError, OperationalError, InterfaceError, ConnectionError)
RETRY_AFTER_SECONDS = 60
_WARN_EVERY_SECONDS = 60

logger = logging.getLogger(__name__)
_last_warning = {}


def _warn_open(action):
    now = time.monotonic()
    if now - _last_warning.get(action, -_WARN_EVERY_SECONDS) >= _WARN_EVERY_SECONDS:
        _last_warning[action] = now
        logger.warning(
            "Rate limit %r not checked: the cache does not answer (requests "
            "go through; said once a minute).",
            action,
            exc_info=True,
        )


def consume(request, *, action, **kwargs):
    """allauth's `ratelimit.consume`, true (allowed) when the cache is down."""
    try:
        return ratelimit.consume(request, action=action, **kwargs)
    except CACHE_DOWN:
        _warn_open(action)
        return True


def consume_or_429(request, *, action, **kwargs):
    """allauth's `consume_or_429`, None (allowed) when the cache is down."""
    try:
        return ratelimit.consume_or_429(request, action=action, **kwargs)
    except CACHE_DOWN:
        _warn_open(action)
        return None


class ServiceUnavailableMiddleware:
    """A view that meets a cache or database that does not answer gets 503
    with our page and Retry-After, instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE):
            return None
        return unavailable_response(request, exception)


def unavailable_response(request, exception):
    """Our 503 page with Retry-After, for `exception` (one of UNAVAILABLE);
    also for middleware that needs the database before any view runs."""
    logger.error(
        "%s %s answered 503: %s does not answer.",
        request.method,
        request.path,
        "the cache" if isinstance(exception, RedisError) else "a service",
        exc_info=exception,
    )
    try:
        response = render(request, "503.html", status=503)
    except UNAVAILABLE:
        # The page needs the database too (the reader's session): say it
        # plainly.
        response = HttpResponse(
            _("Temporarily unavailable: please try again in a minute."),
            content_type="text/plain; charset=utf-8",
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
