"""Article reads are counted without a tracker (issue #21): one increment in
the cache per article page served to a reader, cached or not, per language
and day, moved to the database in batches; editors see them beside
helpfulness."""

import datetime

import pytest
import redis
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from articles.tests.helpers import make_article
from feedback import reads
from feedback.models import DailyReads

pytestmark = pytest.mark.django_db

BROWSER = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0 Safari/537.36"
}


@pytest.fixture
def article():
    return make_article()


@pytest.fixture
def reader():
    """A browser that has already caused this minute's move to the database,
    so that its reads stay in the cache until `flush_reads`."""
    cache.set("reads:flushed", True, 60)
    return Client(headers=BROWSER)


def stored():
    call_command("flush_reads", stdout=None)
    return {
        (row.language, row.day): row.reads
        for row in DailyReads.objects.order_by("language", "day")
    }


def today():
    return datetime.date.today()


def test_each_page_served_is_one_read_in_its_language_cached_or_not(reader, article):
    for language in ("fr", "fr", "fr", "en"):
        assert reader.get(article.url_in(language)).status_code == 200

    assert stored() == {("en", today()): 1, ("fr", today()): 3}


def test_crawlers_redirects_heads_and_not_modified_pages_are_not_reads(reader, article):
    page = article.url_in("fr")
    etag = reader.get(page)["ETag"]  # one read
    assert reader.get(page, headers={"If-None-Match": etag}).status_code == 304
    assert reader.head(page).status_code == 200
    assert reader.get(page.replace(article.slug_fr, "old-slug")).status_code == 301
    crawler = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    assert reader.get(page, headers={"User-Agent": crawler}).status_code == 200
    assert Client().get(page).status_code == 200  # no User-Agent: a script

    assert stored() == {("fr", today()): 1}


def test_a_flush_moves_counts_once_and_keeps_reads_counted_after_it(article):
    reads.count_read(article.pk, "en")
    reads.count_read(article.pk, "en")

    assert reads.flush_reads() == 2
    assert reads.flush_reads() == 0  # nothing moved twice
    reads.count_read(article.pk, "en")
    assert reads.flush_reads() == 1

    assert DailyReads.objects.get().reads == 3


def test_yesterdays_reads_are_moved_into_yesterdays_row(article):
    yesterday = today() - datetime.timedelta(days=1)
    reads.count_read(article.pk, "fr", day=yesterday)
    reads.count_read(article.pk, "fr")

    assert stored() == {("fr", yesterday): 1, ("fr", today()): 1}


def test_one_flush_at_a_time(article):
    reads.count_read(article.pk, "en")
    cache.set("reads:flushing", True, 60)  # another process is flushing

    assert reads.flush_reads() == 0
    cache.delete("reads:flushing")
    assert reads.flush_reads() == 1


def test_the_first_read_after_a_minute_moves_the_counts_to_the_database(article):
    reader = Client(headers=BROWSER)

    reader.get(article.url_in("en"))  # the first: moved at once
    assert DailyReads.objects.get().reads == 1
    reader.get(article.url_in("en"))  # within the minute: in the cache
    assert DailyReads.objects.get().reads == 1

    assert stored() == {("en", today()): 2}


def test_a_cache_that_does_not_answer_costs_the_reader_nothing(
    reader, article, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    assert reader.get(article.url_in("en")).status_code == 200


def test_editors_see_reads_per_language_and_week_beside_helpfulness(
    client, django_user_model, article
):
    DailyReads.objects.create(article=article, language="fr", day=today(), reads=7)
    DailyReads.objects.create(article=article, language="en", day=today(), reads=5)
    client.force_login(
        django_user_model.objects.create_superuser("admin", "admin@example.com", "x")
    )

    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()

    panel = html[html.index('id="helpfulness"') : html.index("</details>")]
    rows = [row.split("</th>")[1] for row in panel.split('<th scope="row">')[1:4]]
    assert [row.split("</td>")[0].strip() for row in rows] == [
        "<td>12",
        "<td>5",
        "<td>7",
    ]
    weeks = panel[panel.index("<tbody>", panel.index("<details>")) :]
    assert weeks.count("<td>12</td>") == 1


def test_with_redis_a_read_is_an_atomic_increment_kept_two_days(redis_cache, article):
    client = redis.Redis.from_url(redis_cache)
    for _read in range(3):
        reads.count_read(article.pk, "fr")

    [key] = client.keys(f"*reads:{today().isoformat()}:{article.pk}:fr")
    assert int(client.get(key)) == 3  # a Redis integer, which INCR counts
    assert client.ttl(key) > 86400
    assert reads.flush_reads() == 3
    assert int(client.get(key)) == 0
    assert DailyReads.objects.get().reads == 3
