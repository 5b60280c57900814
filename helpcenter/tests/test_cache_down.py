"""A Redis of the test's own is stopped and started again: readers keep
reading, searching and voting; account forms answer 503 with a page that
says to try again, never 500; /healthz says 503 until Redis is back, and
everything works again then, without a restart (helpcenter/unavailable.py)."""

import shutil
import subprocess
import time
import uuid

import pytest
import redis
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test import Client

from articles.tests.helpers import make_article
from feedback.models import Feedback
from helpcenter import unavailable

from .servers import free_port

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


class Redis:
    """A redis-server on a free port, keeping nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),  # ./dev test installs it
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        for _attempt in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def own_redis(settings):
    server = Redis()
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    yield server
    if server.process.poll() is None:
        server.stop()


def login(client):
    return client.post(
        "/en/accounts/login/", {"login": "reader", "password": "not the password"}
    )


def vote(client, article):
    return client.post(f"/en/articles/{article.pk}/feedback/", {"value": "yes"})


def test_readers_read_search_and_vote_while_redis_is_down(own_redis):
    article = make_article(title_en="Reset your password")
    own_redis.stop()
    reader = Client(headers=SAME_ORIGIN)
    assert reader.get(article.url_in("en")).status_code == 200
    assert reader.get("/en/").status_code == 200
    found = reader.get("/en/search/", {"q": "password"})
    assert found.status_code == 200
    assert "Reset your <mark>password</mark>" in found.content.decode()
    assert reader.get("/en/search/suggestions/", {"q": "pass"}).status_code == 200
    assert vote(reader, article).status_code == 303
    assert Feedback.objects.filter(article=article, value="yes").count() == 1


def test_account_forms_answer_503_with_a_page_to_try_again(own_redis):
    get_user_model().objects.create_user("reader", "reader@example.com", "x" * 12)
    own_redis.stop()
    for path, data in [
        ("/fr/accounts/login/", {"login": "reader", "password": "wrong"}),
        ("/fr/accounts/password/reset/", {"email": "reader@example.com"}),
        ("/fr/accounts/signup/", {"username": "new", "email": "n@example.com"}),
        ("/fr/accounts/username/recover/", {"email": "reader@example.com"}),
    ]:
        response = Client().post(path, data)
        assert response.status_code == 503, path
        assert response["Retry-After"] == "60"
        assert "Temporairement indisponible" in response.content.decode(), path
        assert response["X-Frame-Options"] == "DENY"


def test_health_says_503_until_redis_is_back_and_all_works_again(own_redis):
    article = make_article()
    own_redis.stop()
    assert Client().get("/healthz").status_code == 503
    assert login(Client()).status_code == 503
    own_redis.start()
    assert Client().get("/healthz").status_code == 200
    assert login(Client()).status_code == 200  # the form again, with its error
    assert vote(Client(headers=SAME_ORIGIN), article).status_code == 303


def test_the_open_rate_limits_are_logged_once_a_minute_not_per_request(
    own_redis, caplog
):
    article = make_article()
    own_redis.stop()
    unavailable._last_warning.clear()
    for _number in range(5):
        Client().get("/en/search/", {"q": "password"})
    for _number in range(5):
        vote(Client(headers=SAME_ORIGIN), article)
    warnings = [
        record.getMessage()
        for record in caplog.records
        if record.name == "helpcenter.unavailable"
    ]
    assert warnings == [
        "Rate limit 'search' not checked: the cache does not answer (requests "
        "go through; said once a minute).",
        "Rate limit 'new_visitor' not checked: the cache does not answer "
        "(requests go through; said once a minute).",
        "Rate limit 'vote' not checked: the cache does not answer (requests "
        "go through; said once a minute).",
    ]


def test_a_database_that_does_not_answer_is_a_503_not_a_500(client):
    def refuse(execute, sql, params, many, context):
        raise OperationalError("the database does not answer")

    with connection.execute_wrapper(refuse):
        response = client.get("/en/search/", {"q": "password"})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
