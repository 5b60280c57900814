"""What the account pages cost in database queries, however many accounts
there are. The cache (rate limits) is Redis in production: only the
database's queries are counted here."""

import uuid

import pytest
from django.test import Client

from .helpers import make_account

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_outside_the_database(settings):
    # A memory of this test's own: rate limits counted in one test stay there.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": uuid.uuid4().hex,
        }
    }


@pytest.mark.parametrize(
    "path",
    [
        "/fr/accounts/login/",
        "/fr/accounts/signup/",
        "/fr/accounts/password/reset/",
        "/fr/accounts/username/recover/",
    ],
)
def test_account_forms_cost_no_query(path, django_assert_num_queries, brand_in_cache):
    make_account()
    with django_assert_num_queries(0):
        assert Client().get(path).status_code == 200


def test_a_failed_login_costs_three_queries(django_assert_num_queries, brand_in_cache):
    # allauth's lookup (the account, its addresses), then its authentication
    # backend's; the failure is counted in the cache.
    make_account()
    make_account("paul.martin", "paul@example.com")
    with django_assert_num_queries(3):
        page = Client().post(
            "/fr/accounts/login/",
            {"login": "marie.dupont", "password": "not-the-password"},
        )
    assert page.status_code == 200


def test_recovering_usernames_costs_one_query_however_many_accounts_match(
    django_assert_num_queries,
    brand_in_cache,
):
    # The same address verified in other capitals by three accounts: their
    # usernames come with the addresses, not one query each.
    for username, email in [
        ("marie.dupont", "marie@example.com"),
        ("marie.martin", "Marie@example.com"),
        ("marie.petit", "MARIE@example.com"),
    ]:
        make_account(username, email)
    with django_assert_num_queries(1):
        page = Client().post(
            "/fr/accounts/username/recover/", {"email": "marie@example.com"}
        )
    assert page.status_code == 302
