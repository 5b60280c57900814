"""Article reads are counted without a tracker (issue #21): each article
page served to a reader, cached or not, is one read per language and day,
counted in memory by each process and added to the database every few
seconds; editors see them beside helpfulness."""

import datetime
import urllib.request

import pytest
from django.test import Client

from articles.tests.helpers import make_article
from feedback import reads
from feedback.models import DailyReads
from helpcenter.tests import servers

pytestmark = pytest.mark.django_db

BROWSER = {
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0 Safari/537.36"
}


@pytest.fixture(autouse=True)
def nothing_pending():
    """Each test counts from nothing, reads pushed only when it says so."""
    reads._pending.clear()
    yield
    reads._pending.clear()


@pytest.fixture
def article():
    return make_article()


@pytest.fixture
def reader(settings, monkeypatch):
    """A browser whose reads stay in memory until `push_reads`: its
    process pushed a moment ago."""
    monkeypatch.setattr(reads, "PUSH_EVERY", 3600)
    client = Client(headers=BROWSER)
    client.get("/en/")  # the middleware's first push is behind it
    return client


ARTICLE_LINK = """
from articles.models import Article
print(Article.objects.get(key="change-password").url_in("en"))
"""
STORED_READS = """
from django.db.models import Sum
from feedback.models import DailyReads
print(DailyReads.objects.aggregate(total=Sum("reads"))["total"])
"""


def stored():
    reads.push_reads()
    return {
        (row.language, row.day): row.reads
        for row in DailyReads.objects.order_by("language", "day")
    }


def today():
    return datetime.date.today()


def test_each_page_served_is_one_read_in_its_language_cached_or_not(reader, article):
    reader.get(article.url_in("en"))
    french = [reader.get(article.url_in("fr")) for _read in range(3)]
    assert [page.status_code for page in french] == [200, 200, 200]
    # The first rendered, the others from the page cache (with its ETag).
    assert all(page.has_header("ETag") for page in french[1:])

    assert stored() == {("en", today()): 1, ("fr", today()): 3}


def test_crawlers_redirects_heads_and_not_modified_pages_are_not_reads(reader, article):
    page = article.url_in("fr")
    reader.get(page)  # one read
    etag = reader.get(page)["ETag"]  # two
    assert reader.get(page, headers={"If-None-Match": etag}).status_code == 304
    assert reader.head(page).status_code == 200
    assert reader.get(page.replace(article.slug_fr, "old-slug")).status_code == 301
    crawler = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    assert reader.get(page, headers={"User-Agent": crawler}).status_code == 200
    assert Client().get(page).status_code == 200  # no User-Agent: a script

    assert stored() == {("fr", today()): 2}


def test_a_push_adds_counts_once_and_keeps_reads_counted_after_it(article):
    reads.count_read(article.pk, "en")
    reads.count_read(article.pk, "en")

    assert reads.push_reads() == 2
    assert reads.push_reads() == 0  # nothing added twice
    reads.count_read(article.pk, "en")
    assert reads.push_reads() == 1

    assert DailyReads.objects.get().reads == 3


def test_yesterdays_reads_are_added_to_yesterdays_row(article):
    yesterday = today() - datetime.timedelta(days=1)
    reads.count_read(article.pk, "fr", day=yesterday)
    reads.count_read(article.pk, "fr")

    assert stored() == {("fr", yesterday): 1, ("fr", today()): 1}


def test_reads_of_an_article_deleted_meanwhile_are_dropped(article):
    gone = make_article()
    reads.count_read(gone.pk, "en")
    reads.count_read(article.pk, "en")
    gone.delete()

    assert stored() == {("en", today()): 1}


def test_a_process_adds_its_counts_at_its_first_read_then_every_few_seconds(
    article,
):
    reader = Client(headers=BROWSER)  # a process of its own (its middleware)
    reader.get(article.url_in("en"))  # its first read: added at once
    assert DailyReads.objects.get().reads == 1
    reader.get(article.url_in("en"))  # within PUSH_EVERY: in memory
    reader.get(article.url_in("en"))
    assert DailyReads.objects.get().reads == 1
    Client(headers=BROWSER).get(article.url_in("en"))  # another's first read
    assert DailyReads.objects.get().reads == 4


def test_a_server_that_stops_adds_its_reads_first(tmp_path):
    # gunicorn's workers as in production: the first read of each is added
    # at once, the next ones within PUSH_EVERY stay in memory, and are
    # added when the server stops.
    env = servers.production_demo(tmp_path, "reads", WEB_CONCURRENCY="1")
    link = servers.shell(env, ARTICLE_LINK).strip()
    with servers.gunicorn(env, tmp_path / "gunicorn") as server:
        for _read in range(3):
            page = f"{server.url}{link}"
            request = urllib.request.Request(page, headers=BROWSER)  # noqa: S310 (local)
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                assert response.status == 200
        assert servers.shell(env, STORED_READS).strip() == "1"
    assert servers.shell(env, STORED_READS).strip() == "3"


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
    assert stored() == {("en", today()): 1}


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
