"""Staff must sign in with a second factor (STAFF_MFA_REQUIRED, default on):
without one, every page sends them to the enrolment page."""

import logging

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test import Client

from .helpers import STRONG_PASSWORD, make_account, sign_in
from .two_step import ACTIVATE, AUTHENTICATE, code, confirm_password, enrol

pytestmark = [pytest.mark.django_db, pytest.mark.staff_mfa]


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    """Hashing is not under test here: Django's quick test hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(client):
    """A signed-in superuser made as deployments make them, without a factor."""
    get_user_model().objects.create_superuser(
        "editor", "editor@example.com", STRONG_PASSWORD
    )
    sign_in(client, "editor")
    return get_user_model().objects.get(username="editor")


def test_staff_are_required_to_enrol_by_default():
    assert settings.STAFF_MFA_REQUIRED is True


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/articles/article/", "/en/", "/fr/accounts/password/change/"],
)
def test_staff_without_a_second_factor_are_sent_to_enrolment(client, editor, path):
    response = client.get(path)
    assert response.status_code == 303
    assert response["Location"].endswith("/accounts/2fa/totp/activate/")


def test_the_admin_takes_no_form_from_staff_without_a_second_factor(client, editor):
    response = client.post("/admin/articles/category/add/", {"name_en": "Billing"})
    assert response.status_code == 303
    assert response["Location"] == ACTIVATE


def test_the_enrolment_page_says_why_it_is_shown(client, editor):
    confirm_password(client, client.get(ACTIVATE))
    page = client.get(ACTIVATE).content.decode()
    assert "Staff accounts must sign in with a second step" in page


def test_a_created_superuser_reaches_the_admin_once_enrolled(client, editor):
    enrol(client)
    assert client.get("/admin/").status_code == 200


def test_enrolled_staff_sign_in_to_the_admin_with_a_code(client, editor):
    secret = enrol(client)
    browser = Client()
    response = browser.post(
        "/en/accounts/login/?next=/admin/",
        {"login": "editor", "password": STRONG_PASSWORD},
    )
    assert response["Location"] == AUTHENTICATE
    assert browser.get("/admin/").status_code == 302
    assert browser.post(AUTHENTICATE, {"code": code(secret)})["Location"] == "/admin/"
    assert browser.get("/admin/").status_code == 200


def test_readers_need_no_second_factor(client):
    make_account()
    sign_in(client, "marie.dupont")
    assert client.get("/en/accounts/password/change/").status_code == 200


def test_staff_reach_the_admin_straight_away_when_not_required(
    client, editor, settings
):
    settings.STAFF_MFA_REQUIRED = False
    assert client.get("/admin/").status_code == 200


def test_the_command_removes_a_lost_factor_and_logs_it(client, editor, caplog):
    enrol(client)
    with caplog.at_level(logging.WARNING, logger="accounts.second_factor"):
        call_command("remove_second_factor", "editor", reason="phone lost")
    assert not Authenticator.objects.exists()
    [record] = [r for r in caplog.records if r.name == "accounts.second_factor"]
    assert "'editor'" in record.getMessage()
    assert "phone lost" in record.getMessage()
    # Its sessions ended: it signs in again, with its password alone, and
    # must enrol again before the admin answers.
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    browser = Client()
    sign_in(browser, "editor")
    assert browser.get("/admin/")["Location"] == ACTIVATE


def test_the_command_refuses_an_unknown_account(db):
    with pytest.raises(CommandError, match="No account"):
        call_command("remove_second_factor", "nobody")


def test_the_command_refuses_an_account_without_a_second_factor(editor):
    with pytest.raises(CommandError, match="no two-step sign-in"):
        call_command("remove_second_factor", "editor")


def test_a_signed_in_browser_gets_503_when_the_database_is_down(client, editor):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    client.raise_request_exception = False
    with connection.execute_wrapper(database_down):
        response = client.get("/admin/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
