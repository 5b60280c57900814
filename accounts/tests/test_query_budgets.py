"""What the account pages cost in database queries, however many accounts
there are. The cache (rate limits) is Redis in production: only the
database's queries are counted here."""

import pytest
from django.test import Client

from .helpers import make_account

pytestmark = pytest.mark.django_db

LOCAL_MEMORY_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}


@pytest.fixture(autouse=True)
def _cache_outside_the_database(settings):
    settings.CACHES = LOCAL_MEMORY_CACHE


@pytest.mark.parametrize(
    "path",
    [
        "/fr/accounts/login/",
        "/fr/accounts/signup/",
        "/fr/accounts/password/reset/",
        "/fr/accounts/username/recover/",
    ],
)
def test_account_forms_cost_no_query(path, django_assert_num_queries):
    make_account()
    with django_assert_num_queries(0):
        assert Client().get(path).status_code == 200


def test_a_failed_login_costs_four_queries(django_assert_num_queries):
    # allauth's lookup (the account, its addresses), then each of the two
    # authentication backends looks it up again; the failure is counted in
    # the cache.
    make_account()
    make_account("paul.martin", "paul@example.com")
    with django_assert_num_queries(4):
        page = Client().post(
            "/fr/accounts/login/",
            {"login": "marie.dupont", "password": "not-the-password"},
        )
    assert page.status_code == 200
