"""Adding to the per-day counts (SupportDay) without losing a concurrent one."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import SupportDay


def add(article_id, language, *, day=None, **amounts):
    """Add `amounts` (opened=1, sent=1, avoided=3) to the article's day."""
    day = day or timezone.localdate()
    increments = {name: F(name) + amount for name, amount in amounts.items()}
    row = SupportDay.objects.filter(article_id=article_id, language=language, day=day)
    if row.update(**increments):
        return
    try:
        # A savepoint: a concurrent first count of the day wins the insert,
        # and this one is then added to it.
        with transaction.atomic():
            SupportDay.objects.create(
                article_id=article_id, language=language, day=day, **amounts
            )
    except IntegrityError:
        row.update(**increments)
