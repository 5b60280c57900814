"""Two-step sign-in for any account: an authenticator app (TOTP) and
recovery codes, codes computed as a phone would (PyOTP)."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from .helpers import make_account, sign_in
from .two_step import (
    ACTIVATE,
    AUTHENTICATE,
    RECOVERY_CODES,
    code,
    confirm_password,
    enrol,
    recovery_codes,
    setup_key,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    """Hashing is not under test here: Django's quick test hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reader(client):
    """A signed-in reader without a second factor."""
    user = make_account()
    sign_in(client, "marie.dupont")
    return user


@pytest.fixture
def enrolled(client, reader):
    """The reader with the authenticator app on, and a fresh browser."""
    secret = enrol(client)
    return reader, secret, Client()


def test_setting_up_asks_for_the_password_first(client, reader):
    response = client.get(ACTIVATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/reauthenticate/?next=")
    assert client.get(confirm_password(client, response)["Location"]).status_code == 200


def test_the_setup_page_shows_a_qr_code_and_the_key_to_type(client, reader):
    confirm_password(client, client.get(ACTIVATE))
    page = client.get(ACTIVATE).content.decode()
    secret = setup_key(page)
    assert len(secret) == 32
    assert 'src="data:image/svg+xml;base64,' in page
    assert "Turn on two-step sign-in" in page


def test_the_setup_page_is_in_french(client, reader):
    confirm_password(client, client.get(ACTIVATE))
    page = client.get("/fr/accounts/2fa/totp/activate/").content.decode()
    assert "Activer la connexion en deux étapes" in page


def test_a_wrong_code_does_not_turn_it_on(client, reader):
    confirm_password(client, client.get(ACTIVATE))
    secret = setup_key(client.get(ACTIVATE).content.decode())
    response = client.post(ACTIVATE, {"code": code(secret, steps=10)})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert not Authenticator.objects.exists()


def test_a_right_code_turns_it_on_and_shows_recovery_codes(client, reader):
    enrol(client)
    types = set(Authenticator.objects.values_list("type", flat=True))
    assert types == {"totp", "recovery_codes"}
    codes = recovery_codes(client)
    assert len(codes) == 10
    assert len(set(codes)) == 10


def test_recovery_codes_download_as_a_text_file(client, reader):
    enrol(client)
    response = client.get(RECOVERY_CODES + "download/")
    assert response["Content-Type"].startswith("text/plain")
    assert "attachment" in response["Content-Disposition"]
    assert set(recovery_codes(client)) <= set(response.content.decode().split())


def test_signing_in_asks_for_a_code_after_the_password(enrolled):
    _, _, browser = enrolled
    response = sign_in(browser, "marie.dupont")
    assert response["Location"] == AUTHENTICATE
    assert "_auth_user_id" not in browser.session
    assert browser.get("/en/accounts/email/").status_code == 302


def test_the_app_code_signs_in(enrolled):
    reader, secret, browser = enrolled
    sign_in(browser, "marie.dupont")
    response = browser.post(AUTHENTICATE, {"code": code(secret)})
    assert response.status_code == 302
    assert int(browser.session["_auth_user_id"]) == reader.pk


def test_a_code_cannot_be_used_twice(enrolled):
    _, secret, browser = enrolled
    used = code(secret)
    sign_in(browser, "marie.dupont")
    browser.post(AUTHENTICATE, {"code": used})
    other = Client()
    sign_in(other, "marie.dupont")
    response = other.post(AUTHENTICATE, {"code": used})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert "_auth_user_id" not in other.session


def test_a_recovery_code_signs_in_once(client, enrolled):
    reader, _, browser = enrolled
    spare = recovery_codes(client)[0]
    sign_in(browser, "marie.dupont")
    assert browser.post(AUTHENTICATE, {"code": spare}).status_code == 302
    assert int(browser.session["_auth_user_id"]) == reader.pk
    again = Client()
    sign_in(again, "marie.dupont")
    assert again.post(AUTHENTICATE, {"code": spare}).status_code == 200
    assert "_auth_user_id" not in again.session


def test_viewing_recovery_codes_asks_for_the_password_again(enrolled):
    _, secret, browser = enrolled
    sign_in(browser, "marie.dupont")
    browser.post(AUTHENTICATE, {"code": code(secret)})
    response = browser.get(RECOVERY_CODES)
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    confirm_password(browser, response)
    assert len(recovery_codes(browser)) == 10


def test_turning_it_off_asks_for_the_password_again(enrolled):
    _, secret, browser = enrolled
    sign_in(browser, "marie.dupont")
    browser.post(AUTHENTICATE, {"code": code(secret)})
    deactivate = "/en/accounts/2fa/totp/deactivate/"
    response = browser.post(deactivate)
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    assert Authenticator.objects.filter(type="totp").exists()
    confirm_password(browser, response)
    browser.post(deactivate)
    assert not Authenticator.objects.exists()


def test_wrong_codes_are_rate_limited_even_before_a_right_one(enrolled):
    _, secret, browser = enrolled
    sign_in(browser, "marie.dupont")
    for steps in range(10, 15):
        browser.post(AUTHENTICATE, {"code": code(secret, steps=steps)})
    response = browser.post(AUTHENTICATE, {"code": code(secret)})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in browser.session


@pytest.mark.usefixtures("enrolled")
def test_a_wrong_password_answers_alike_with_and_without_two_step():
    make_account("paul", "paul@example.com")

    def wrong(login):
        page = sign_in(Client(), login, password="not the password").content
        return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", page)

    assert wrong("marie.dupont").replace(b"marie.dupont", b"paul") == wrong("paul")


def test_the_code_page_without_a_password_first_sends_to_sign_in(client):
    response = client.get(AUTHENTICATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
