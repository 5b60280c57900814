import pytest
from django.core import mail
from django.test import Client

from .helpers import STRONG_PASSWORD, make_account

pytestmark = pytest.mark.django_db


def test_a_forged_host_header_is_refused_and_no_email_goes_out(client):
    make_account()
    response = client.post(
        "/fr/accounts/password/reset/",
        {"email": "marie@example.com"},
        headers={"host": "evil.example.com"},
    )
    assert response.status_code == 400
    assert mail.outbox == []


def test_emailed_links_ignore_a_forwarded_host_header(client):
    make_account()
    client.post(
        "/fr/accounts/password/reset/",
        {"email": "marie@example.com"},
        headers={"x-forwarded-host": "evil.example.com"},
    )
    assert "evil.example.com" not in mail.outbox[0].body
    assert "http://testserver/fr/accounts/password/reset/key/" in mail.outbox[0].body


def test_the_session_cookie_is_http_only_and_same_site_lax(client):
    make_account()
    response = client.post(
        "/fr/accounts/login/", {"login": "marie.dupont", "password": STRONG_PASSWORD}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    "cookie",
    [r'"\000\000\000\000\000\000\000\000"', "a" * 5000, "é" * 32, "a%00" * 8],
)
def test_a_session_cookie_that_is_no_session_key_is_a_visitor_without_one(cookie):
    response = Client().get("/fr/", HTTP_COOKIE=f"sessionid={cookie}")
    assert response.status_code == 200
    assert "Se connecter" in response.content.decode()


def test_account_pages_are_not_indexed(client):
    for path in (
        "/fr/accounts/password/reset/",
        "/fr/accounts/password/reset/done/",
        "/fr/accounts/username/recover/",
    ):
        page = client.get(path).content.decode()
        assert '<meta name="robots" content="noindex">' in page, path


# Behind a load balancer (README, "Running in production").


def test_behind_a_tls_proxy_emailed_links_are_https(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["help.example.com"]
    make_account()
    client.post(
        "/fr/accounts/password/reset/",
        {"email": "marie@example.com"},
        headers={"host": "help.example.com", "x-forwarded-proto": "https"},
    )
    link = "https://help.example.com/fr/accounts/password/reset/key/"
    assert link in mail.outbox[0].body


def failed_logins(forwarded_for, times):
    return [
        Client()
        .post(
            "/fr/accounts/login/",
            {"login": f"nobody{number}", "password": "wrong password"},
            headers={"x-forwarded-for": forwarded_for(number)},
        )
        .status_code
        for number in range(times)
    ]


def test_behind_a_proxy_each_reader_has_their_own_login_limit(settings):
    # allauth's login_failed limit: 10 a minute per address.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    first = failed_logins(lambda n: "203.0.113.1", 11)
    second = failed_logins(lambda n: "203.0.113.2", 1)
    assert (first[-1], second) == (429, [200])


def test_a_forged_forwarded_address_does_not_escape_the_limit(settings):
    # The reader writes the leftmost entries; the proxy appends the last one.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    statuses = failed_logins(lambda n: f"10.0.0.{n}, 203.0.113.1", 11)
    assert statuses == [200] * 10 + [429]


def test_a_forwarded_address_that_skipped_a_proxy_is_refused(settings):
    # Two proxies each append one address: a request with one has gone
    # around the first.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert failed_logins(lambda n: "203.0.113.1", 1) == [403]
    assert failed_logins(lambda n: "203.0.113.1, 198.51.100.7", 1) == [200]
