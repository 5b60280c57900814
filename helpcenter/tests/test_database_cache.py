"""The database cache (without REDIS_URL) writes its keys in one statement
(helpcenter/database_cache.py) and behaves as Django's: values replaced,
expiry kept, the table culled when full."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "helpcenter.database_cache.DatabaseCache",
            "LOCATION": "helpcenter_cache",
            "KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
            "OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2},
        }
    }
    return caches["default"]


def test_set_many_writes_every_key_in_one_statement_and_replaces_values(cache):
    cache.set("a", "old")
    with CaptureQueriesContext(connection) as captured:
        cache.set_many({"a": {"new": 1}, "b": [2], "c": None})
    writes = [q["sql"] for q in captured.captured_queries if "INSERT" in q["sql"]]
    assert len(writes) == 1
    assert cache.get_many(["a", "b", "c"]) == {"a": {"new": 1}, "b": [2], "c": None}


def test_keys_expire_as_asked_and_stay_without_a_timeout(cache):
    cache.set("gone", 1, timeout=-1)
    cache.set("kept", 2, timeout=None)
    cache.set("soon", 3, timeout=60)
    assert cache.get("gone") is None
    assert cache.get("kept") == 2
    assert cache.get("soon") == 3
    assert cache.add("gone", 4)  # an expired key is free for `add`
    assert not cache.add("kept", 5)


def test_a_full_table_is_culled_before_a_write(cache):
    cache.set_many({f"key-{n}": n for n in range(11)})
    cache.set("one-more", 1)
    assert cache.get("one-more") == 1
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM helpcenter_cache")
        assert cursor.fetchone()[0] <= 10
