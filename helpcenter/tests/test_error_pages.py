"""Error answers are pages of ours, in the reader's language, with the same
security headers as every other answer."""

import pytest
from django.db import ProgrammingError, connection
from django.test import Client

from articles.tests.helpers import make_article

from .helpers import missing_security_headers

pytestmark = pytest.mark.django_db

CSRF_TOKEN = "a" * 32
FORMS = [
    "/{language}/accounts/login/",
    "/{language}/accounts/signup/",
    "/{language}/accounts/password/reset/",
    "/{language}/accounts/username/recover/",
    "/{language}/articles/{article}/feedback/",
]


def browser():
    """CSRF checks on, with the cookie a browser got from an earlier page."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = CSRF_TOKEN
    return client


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Request not understood"), ("fr", "Requête incomprise")],
)
@pytest.mark.parametrize("charset", ["utf-16", "latin-1", "utf8"])
@pytest.mark.parametrize("form", FORMS)
def test_a_form_in_a_charset_other_than_utf8_is_400_in_our_layout(
    form, charset, language, heading
):
    # Django reads url-encoded forms as UTF-8 only: others are refused before
    # the CSRF check can read the token.
    path = form.format(language=language, article=make_article().pk)
    response = browser().generic(
        "POST",
        path,
        f"csrfmiddlewaretoken={CSRF_TOKEN}&value=yes".encode(),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert missing_security_headers(response) == []


def test_an_unknown_charset_is_read_as_utf8():
    response = browser().generic(
        "POST",
        "/en/accounts/username/recover/",
        f"csrfmiddlewaretoken={CSRF_TOKEN}&email=nobody".encode(),
        content_type="application/x-www-form-urlencoded; charset=nope",
    )
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()


def test_a_body_that_cannot_be_read_on_an_unknown_page_is_404():
    # A multipart body without its boundary fails when read: the 404 page
    # must not read it.
    response = browser().generic(
        "POST", "/fr/nowhere/", b"x", content_type="multipart/form-data"
    )
    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in response.content.decode()
    assert missing_security_headers(response) == []


def test_a_refused_address_is_403_in_our_layout(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    response = Client().post(
        "/fr/accounts/login/",
        {"login": "marie", "password": "x"},
        headers={"x-forwarded-for": "not an address"},
    )
    assert response.status_code == 403
    assert "<h1>Accès refusé</h1>" in response.content.decode()
    assert missing_security_headers(response) == []


def test_a_server_error_is_our_500_page_with_the_security_headers():
    def broken(execute, sql, params, many, context):
        # A bug of ours, not a database that does not answer (that is a 503).
        raise ProgrammingError('relation "articles_article" does not exist')

    with connection.execute_wrapper(broken):
        response = Client(raise_request_exception=False).get("/fr/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert missing_security_headers(response) == []


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "/fr/nowhere/", 404), ("delete", "/fr/", 405), ("post", "/healthz", 405)],
)
def test_refusals_carry_the_security_headers(client, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert missing_security_headers(response) == []


def test_the_csrf_failure_page_carries_the_security_headers():
    response = browser().post("/fr/accounts/login/", {"login": "marie"})
    assert response.status_code == 403
    assert missing_security_headers(response) == []


def test_too_many_attempts_carry_the_security_headers(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "search": "1/m/ip"}
    client = Client()
    client.get("/fr/search/", {"q": "a"})
    response = client.get("/fr/search/", {"q": "b"})
    assert response.status_code == 429
    assert missing_security_headers(response) == []


@pytest.mark.parametrize("ssl_redirect", [False, True])
def test_an_unknown_host_is_400_in_our_layout(settings, ssl_redirect):
    # Over plain HTTP, production redirects to HTTPS, which needs the host.
    settings.SECURE_SSL_REDIRECT = ssl_redirect
    response = Client().get("/fr/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert "<h1>Requête incomprise</h1>" in response.content.decode()
    assert missing_security_headers(response) == []


@pytest.mark.parametrize(
    ("path", "ssl_redirect", "status"),
    [("/", False, 302), ("/fr/", True, 301), ("/fr/search", False, 301)],
)
def test_redirects_carry_the_security_headers(settings, path, ssl_redirect, status):
    settings.SECURE_SSL_REDIRECT = ssl_redirect
    response = Client().get(path)
    assert response.status_code == status
    assert missing_security_headers(response) == []
