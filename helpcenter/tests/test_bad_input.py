"""Every URL and form against odd input: never a 500, and a refused request
writes nothing."""

from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.tests.helpers import STRONG_PASSWORD, link_in, make_account
from articles.models import Article, Category
from articles.tests.helpers import make_article
from feedback.models import Feedback

pytestmark = pytest.mark.django_db

ODD = [
    "",
    " ",
    "\x00",
    "a" * 5000,
    "é" * 300,
    "\u202eevil",
    "😀" * 50,
    "<script>alert(1)</script>",
    '"unbalanced( * NEAR -',
    "../../etc/passwd",
    "%00%2e%2e",
]

GET_PATHS = [
    "/xx/",
    "/fr/articles/0-x/",
    "/fr/articles/99999999999999999999-x/",
    "/fr/articles/{pk}-..%2F..%2Fetc%2Fpasswd/",
    "/fr/articles/{pk}-%F0%9F%98%80/",
    "/fr/categories/{category}-%00/",
    "/fr/search/?page=abc&q=mot",
    "/fr/search/?page=-1&q=mot",
    "/fr/search/?page=99999999999999999999&q=mot",
    "/fr/accounts/password/reset/key/zz-zz/",
    "/fr/accounts/confirm-email/%00/",
    "/admin/articles/article/999999/change/",
]


def counts():
    return (
        Article.objects.count(),
        Category.objects.count(),
        Feedback.objects.count(),
        get_user_model().objects.count(),
        EmailAddress.objects.count(),
    )


@pytest.fixture
def article():
    return make_article()


@pytest.mark.parametrize("template", GET_PATHS)
def test_odd_paths_are_answered_without_a_server_error(client, article, template):
    path = template.format(pk=article.pk, category=article.category_id)
    assert client.get(path).status_code < 500


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(
    "path", ["/fr/search/", "/fr/search/suggestions/", "/en/search/"]
)
def test_odd_search_queries_never_fail(client, path, value):
    assert client.get(path, {"q": value}).status_code < 500


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/fr/accounts/login/", ["login", "password"]),
        ("/fr/accounts/signup/", ["email", "username", "password1", "password2"]),
        ("/fr/accounts/password/reset/", ["email"]),
        ("/fr/accounts/username/recover/", ["email"]),
    ],
)
def test_odd_account_form_input_is_refused_and_writes_nothing(
    client, path, fields, value
):
    before = counts()
    response = client.post(path, dict.fromkeys(fields, value))
    assert response.status_code < 500
    assert counts() == before


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/fr/accounts/password/change/", ["oldpassword", "password1", "password2"]),
        ("/fr/accounts/email/", ["email", "action_add"]),
        ("/fr/accounts/email/", ["email", "action_remove"]),
        ("/fr/accounts/email/", ["email", "action_primary"]),
    ],
)
def test_odd_input_to_a_signed_in_readers_forms_changes_nothing(
    client, path, fields, value
):
    user = make_account()
    client.force_login(user)
    before = (counts(), user.password, list(EmailAddress.objects.values()))
    response = client.post(path, dict.fromkeys(fields, value))
    assert response.status_code < 500
    user.refresh_from_db()
    assert (counts(), user.password, list(EmailAddress.objects.values())) == before


@pytest.mark.parametrize("value", ODD)
def test_odd_new_passwords_from_a_reset_link_are_refused_or_saved_whole(client, value):
    user = make_account()
    client.post("/fr/accounts/password/reset/", {"email": user.email})
    link = urlsplit(link_in(mail.outbox[-1].body, "/password/reset/key/")).path
    form = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form, {"password1": value, "password2": value})
    assert response.status_code < 500
    # Long or odd values are fine passwords when strong enough; the refused
    # ones (too short, a NUL) change nothing.
    refused = value in ("", " ", "\x00", "\u202eevil", "%00%2e%2e")
    assert response.status_code == (200 if refused else 302)
    user.refresh_from_db()
    assert user.check_password(STRONG_PASSWORD if refused else value)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"value": "maybe"},
        {"value": "no", "reason": "because"},
        {"value": "no", "comment": "x" * 5000},
        {"value": "\x00"},
        {"value": "yes", "unknown": "q" * 5000},
    ],
)
def test_odd_votes_are_refused_and_write_nothing(client, article, data):
    before = counts()
    response = client.post(
        f"/fr/articles/{article.pk}/feedback/",
        data,
        headers={"sec-fetch-site": "same-origin"},
    )
    assert response.status_code < 500
    if response.status_code >= 400:
        assert counts() == before


def test_votes_on_unknown_articles_are_404(client):
    response = client.post(
        "/fr/articles/999999/feedback/",
        {"value": "yes"},
        headers={"sec-fetch-site": "same-origin"},
    )
    assert response.status_code == 404
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/fr/search/",
        "/fr/search/suggestions/",
        "/fr/accounts/username/recover/",
        "/healthz",
        "/robots.txt",
        "/sitemap.xml",
    ],
)
def test_wrong_methods_are_refused(client, method, path):
    assert getattr(client, method)(path).status_code in (403, 405)
