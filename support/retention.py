"""How long requests are kept: `SUPPORT_RETENTION_DAYS` after they were sent.
The daily counts (SupportDay) hold nothing about anyone and are kept."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import SupportRequest


def prune_requests(now=None):
    """Delete the requests older than the retention period; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SUPPORT_RETENTION_DAYS)
    deleted, _by_model = SupportRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted
