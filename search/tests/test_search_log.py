"""The search log is written in batches (log.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.tests.helpers import make_article
from search import log
from search.models import SearchQuery

pytestmark = pytest.mark.django_db


def search(client, query):
    return client.get("/en/search/", {"q": query})


def test_searches_are_written_in_one_insert_when_a_batch_is_full(client, settings):
    settings.SEARCH_LOG_BATCH = 3
    make_article(title_en="Invoices", body_en="")
    search(client, "invoice")
    search(client, "zzzz")
    assert SearchQuery.objects.count() == 0
    search(client, "refund")
    assert sorted(SearchQuery.objects.values_list("query", "results")) == [
        ("invoice", 1),
        ("refund", 0),
        ("zzzz", 0),
    ]


def test_a_search_writes_the_batch_once_its_oldest_entry_is_old_enough(settings):
    settings.SEARCH_LOG_BATCH = 100
    settings.SEARCH_LOG_SECONDS = 60
    log.add(query="a", language="en", results=0, corrected="")
    log._pending[0].searched_at -= timedelta(seconds=61)
    log.add(query="b", language="en", results=0, corrected="")
    assert SearchQuery.objects.count() == 2
    assert log.pending() == 0


def test_flush_writes_what_is_left_with_the_time_of_each_search(settings):
    settings.SEARCH_LOG_BATCH = 100
    before = timezone.now()
    log.add(query="a", language="fr", results=2, corrected="b")
    log.flush()
    entry = SearchQuery.objects.get()
    assert (entry.query, entry.language, entry.results, entry.corrected) == (
        "a",
        "fr",
        2,
        "b",
    )
    assert before <= entry.searched_at <= timezone.now()
