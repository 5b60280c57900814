"""Two gunicorn instances on one PostgreSQL and one Redis, as behind a load
balancer (issue #7): concurrent votes spread over both end with exact counts
and one row per visitor, and a rate limit counted on one instance holds on
the other. PostgreSQL only, like test_feedback_concurrency.py (CI runs this
file on PostgreSQL); there, a Redis that does not answer fails the test."""

import json
import os
import re
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest
import redis
from django.db import connection
from django.urls import reverse
from django.utils import translation

from accounts.tests.helpers import make_account
from articles.tests.helpers import make_article
from feedback import stats
from feedback.models import Feedback
from feedback.visitors import VISITOR_COOKIE, visitor_cookie

from .servers import gunicorn, manage

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a PostgreSQL + Redis test"
    ),
]

# Behind a load balancer both instances are reached under the site's one
# name, and allauth counts login failures per host name and login.
SITE_HOST = "help.example.test"
SECRET_KEY = "two-instances-test-" + "s" * 40
# Every request here comes from 127.0.0.1: the per-address limit is raised
# past what the test sends, the per-visitor one is the real one.
VOTE_RATE_LIMIT = "1000/m/ip,10/m/key"
VOTES_PER_VISITOR_LIMIT = 10
VISITORS = 150  # two answers each: 300 votes
THREADS = 32
LOGIN_FAILURES = 100
# allauth's default `login_failed` limit: "10/m/ip,5/300s/key".
LOGIN_FAILURES_ALLOWED = 5


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """With DEBUG off pages need collectstatic's manifest: made once here."""
    root = tmp_path_factory.mktemp("static")
    manage(
        {**os.environ, "DJANGO_STATIC_ROOT": str(root)},
        "collectstatic",
        "--noinput",
        "-v0",
    )
    return root


@pytest.fixture
def shared_cache():
    """Redis's URL and a key prefix of this test's own, its keys deleted
    afterwards."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    client = redis.Redis.from_url(url, socket_connect_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(
            f"Redis at {url} does not answer ({error}): the two instances share "
            "rate limits through it. Start Redis, or set REDIS_URL."
        )
    prefix = f"two-instances-{uuid.uuid4().hex}"
    yield url, prefix
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.fixture
def server_env(static_root, shared_cache, settings):
    """Production settings on this test's database and cache; the test
    signs visitor cookies with the servers' secret key."""
    redis_url, prefix = shared_cache
    settings.SECRET_KEY = SECRET_KEY
    database = urlsplit(os.environ["DATABASE_URL"])._replace(
        path=f"/{connection.settings_dict['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": f"{SITE_HOST},127.0.0.1",
        "DATABASE_URL": urlunsplit(database),
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix,
        "DJANGO_RATE_LIMITS": "1",
        "FEEDBACK_VOTE_RATE_LIMIT": VOTE_RATE_LIMIT,
        "DJANGO_STATIC_ROOT": str(static_root),
        "WEB_CONCURRENCY": "2",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


@contextmanager
def two_instances(env, tmp_path):
    """Two instances of the site. Tests assert inside the block: a failure
    there prints both servers' output."""
    with gunicorn(env, tmp_path / "a") as a, gunicorn(env, tmp_path / "b") as b:
        yield a, b


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def send(server, path, fields=None, headers=None):
    """(status, headers, body) of a GET, or of a POST of `fields`, to the
    site's host name on `server`; redirects are not followed."""
    request = urllib.request.Request(  # noqa: S310 (local servers)
        f"{server.url}{path}",
        data=urlencode(fields).encode() if fields is not None else None,
        headers={"Host": SITE_HOST, **(headers or {})},
    )
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read().decode()


def vote_path(article):
    with translation.override("en"):
        return reverse("feedback:vote", kwargs={"pk": article.pk})


def vote(server, article, visitor, value):
    """The status of `visitor`'s answer, sent as the article page's script
    does (same origin, the visitor's cookie)."""
    return send(
        server,
        vote_path(article),
        {"value": value},
        {
            "Sec-Fetch-Site": "same-origin",
            "Cookie": f"{VISITOR_COOKIE}={visitor_cookie(visitor)}",
        },
    )[0]


def visitor_id(number):
    return f"visitor-{number:014d}"  # 22 characters, like the cookie's


def test_concurrent_votes_on_two_instances_leave_one_row_per_visitor_and_exact_counts(
    server_env, tmp_path
):
    article = make_article()
    # Each visitor answers twice, one answer after the other, first on one
    # instance then on the other; the second answer is the one that counts.
    # All visitors at once.
    pairs = [("yes", "yes"), ("no", "no"), ("yes", "no"), ("no", "yes")]
    plans = {visitor_id(n): pairs[n % len(pairs)] for n in range(VISITORS)}
    with two_instances(server_env, tmp_path) as (a, b):

        def answer_twice(numbered_plan):
            number, (visitor, (first, second)) = numbered_plan
            one, other = (a, b) if number % 2 else (b, a)
            return [
                vote(one, article, visitor, first),
                vote(other, article, visitor, second),
            ]

        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            statuses = list(pool.map(answer_twice, enumerate(plans.items())))

        assert statuses == [[303, 303]] * VISITORS
        rows = list(
            Feedback.objects.filter(article=article).values_list("visitor", "value")
        )
        assert len(rows) == VISITORS
        assert dict(rows) == {visitor: plan[1] for visitor, plan in plans.items()}
        expected_yes = sum(plan[1] == "yes" for plan in plans.values())
        assert 0 < expected_yes < VISITORS
        assert stats.helpfulness_by_language(article.pk)[""] == stats.Helpfulness(
            yes=expected_yes, total=VISITORS
        )
        # Each instance recorded half of the answers (its request log says so).
        for server in (a, b):
            logged = [
                json.loads(line)
                for line in server.stdout().splitlines()
                if line.startswith("{")
            ]
            accepted = [
                line
                for line in logged
                if (line["method"], line["path"], line["status"])
                == ("POST", vote_path(article), 303)
            ]
            assert len(accepted) == VISITORS


def test_one_visitors_votes_on_two_instances_count_against_one_rate_limit(
    server_env, tmp_path
):
    article = make_article()
    visitor = visitor_id(999)
    values = ["yes", "no"] * (VOTES_PER_VISITOR_LIMIT // 2 + 1)
    with two_instances(server_env, tmp_path) as (a, b):
        statuses = [
            vote((a, b)[number % 2], article, visitor, value)
            for number, value in enumerate(values)
        ]
        # Each instance was sent 6 answers, fewer than the limit: only a count
        # shared by both refuses the last two, one on each instance.
        assert statuses == [303] * VOTES_PER_VISITOR_LIMIT + [429] * 2
        answer = Feedback.objects.get(article=article, visitor=visitor)
        assert answer.value == values[VOTES_PER_VISITOR_LIMIT - 1]


def test_login_failures_on_two_instances_count_against_one_limit(server_env, tmp_path):
    make_account(username="marie.dupont")
    with translation.override("en"):
        login_path = reverse("account_login")
    with two_instances(server_env, tmp_path) as (a, b):
        _, headers, page = send(a, login_path)
        cookie = SimpleCookie()
        for set_cookie in headers.get_all("Set-Cookie"):
            cookie.load(set_cookie)
        csrf_cookie = cookie["csrftoken"].value
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

        def fail_to_log_in(number):
            server = (a, b)[number % 2]
            status = send(
                server,
                login_path,
                {
                    "csrfmiddlewaretoken": token,
                    "login": "marie.dupont",
                    "password": f"wrong password {number}",
                },
                {"Cookie": f"csrftoken={csrf_cookie}"},
            )[0]
            return server.url, status

        # Concurrently: allauth counts under a lock in the cache (an atomic
        # add in Redis), so no two requests can take the last allowed failure.
        # A request that waits over a second for the lock is refused: stricter,
        # never looser, and four workers do not come near that.
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(fail_to_log_in, range(LOGIN_FAILURES)))

        # With a count of its own, each instance would let 5 failures through.
        statuses = sorted(status for _, status in answers)
        assert statuses == [200] * LOGIN_FAILURES_ALLOWED + [429] * (
            LOGIN_FAILURES - LOGIN_FAILURES_ALLOWED
        )
        assert {url for url, status in answers if status == 429} == {a.url, b.url}
