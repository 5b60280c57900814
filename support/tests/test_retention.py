"""Requests are deleted after the retention period; the counts stay."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.tests.helpers import make_article
from support import counts
from support.models import SupportDay, SupportRequest

from .helpers import make_request

pytestmark = pytest.mark.django_db


def sent_days_ago(days, **fields):
    request = make_request(**fields)
    SupportRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )
    return request


def prune():
    out = io.StringIO()
    call_command("prune_support_requests", stdout=out)
    return out.getvalue()


def test_requests_older_than_90_days_are_deleted_by_the_daily_command():
    sent_days_ago(91)
    kept = sent_days_ago(89)
    assert "1 support request(s) older than 90 days deleted" in prune()
    assert list(SupportRequest.objects.all()) == [kept]


def test_the_retention_period_is_a_setting(settings):
    settings.SUPPORT_RETENTION_DAYS = 7
    sent_days_ago(8)
    prune()
    assert SupportRequest.objects.count() == 0


def test_the_counts_outlive_the_requests():
    article = make_article()
    sent_days_ago(120, article=article)
    counts.add(article.pk, "fr", day=timezone.localdate() - timedelta(days=120), sent=1)
    prune()
    assert SupportDay.objects.get().sent == 1
