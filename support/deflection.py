"""Requests avoided ("deflection"): a reader who opens an article suggested
by the support form and does not come back to send it.

Each support form carries a random id (`draft`). Suggestions link to
`support:suggested` with a signed token naming the article and the form;
following it records a `SuggestionOpened` row, and sending the form deletes
its rows. Rows older than `SUPPORT_DEFLECTION_MINUTES` are counted as
avoided requests by `flush()`, which the admin's figures and the daily
`prune_support_requests` call. Rows rather than cache entries: a cache
cannot list what expired, and may evict it before it is counted."""

import re
import secrets
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import counts
from .models import SuggestionOpened

_SALT = "support.suggestion"
# A suggestion link older than this is followed without being counted.
TOKEN_MAX_AGE = 24 * 60 * 60


_DRAFT = re.compile(r"[A-Za-z0-9_-]{22}")


def new_draft():
    return secrets.token_urlsafe(16)


def valid_draft(value):
    """`value` if it is a form id as `new_draft` makes them, else ""."""
    return value if isinstance(value, str) and _DRAFT.fullmatch(value) else ""


def suggestion_token(article_id, draft, language):
    return signing.dumps([article_id, draft, language], salt=_SALT, compress=True)


def read_token(token):
    """(article_id, draft, language) of a token we made, or None."""
    try:
        article_id, draft, language = signing.loads(
            token, salt=_SALT, max_age=TOKEN_MAX_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return article_id, draft, language


def opened(article_id, draft, language):
    """The reader followed a suggestion (once per form and article)."""
    try:
        with transaction.atomic():
            SuggestionOpened.objects.create(
                article_id=article_id, draft=draft, language=language
            )
    except IntegrityError:
        pass


def came_back(draft):
    """The form `draft` was sent: its suggestions did not avoid a request."""
    if draft:
        SuggestionOpened.objects.filter(draft=draft).delete()


def flush(now=None):
    """Count the suggestions opened longer than the window ago as requests
    avoided, on the day they were opened; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(
        minutes=settings.SUPPORT_DEFLECTION_MINUTES
    )
    with transaction.atomic():
        # Locked, skipping rows another flush holds: each is counted once.
        expired = list(
            SuggestionOpened.objects.select_for_update(skip_locked=True)
            .filter(opened_at__lt=cutoff)
            .values_list("pk", "article_id", "language", "opened_at")
        )
        per_day = Counter(
            (article_id, language, timezone.localdate(opened_at))
            for _pk, article_id, language, opened_at in expired
        )
        for (article_id, language, day), avoided in per_day.items():
            counts.add(article_id, language, day=day, avoided=avoided)
        SuggestionOpened.objects.filter(pk__in=[row[0] for row in expired]).delete()
    return len(expired)
