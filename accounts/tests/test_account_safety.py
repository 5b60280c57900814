import pytest
from django.core import mail

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


def test_account_pages_are_not_indexed(client):
    for path in (
        "/fr/accounts/password/reset/",
        "/fr/accounts/password/reset/done/",
        "/fr/accounts/username/recover/",
    ):
        page = client.get(path).content.decode()
        assert '<meta name="robots" content="noindex">' in page, path
