import uuid

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client

from accounts.forms import LoginForm

from .helpers import STRONG_PASSWORD, link_in, make_account

pytestmark = pytest.mark.django_db

LOGIN = "/fr/accounts/login/"
SIGNUP = "/fr/accounts/signup/"


def login(client, username, password=STRONG_PASSWORD, **extra):
    return client.post(LOGIN, {"login": username, "password": password, **extra})


def signup(client, password=STRONG_PASSWORD):
    return client.post(
        SIGNUP,
        {
            "email": "paul@example.com",
            "username": "paul",
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.parametrize(
    "typed", ["marie.dupont", "Marie.Dupont", "marie@example.com", "MARIE@EXAMPLE.COM"]
)
def test_log_in_with_username_or_email_in_any_case(client, typed):
    user = make_account()
    response = login(client, typed)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_the_login_form_links_to_username_and_password_recovery(client):
    page = client.get(LOGIN).content.decode()
    assert (
        'href="/fr/accounts/username/recover/">Nom d’utilisateur oublié\u00a0?' in page
    )
    assert 'href="/fr/accounts/password/reset/">Mot de passe oublié\u00a0?' in page


def test_the_login_form_takes_its_data_positionally_like_any_django_form():
    form = LoginForm({"login": "marie.dupont", "password": STRONG_PASSWORD})
    assert form.is_bound


def test_the_session_id_changes_when_logging_in(client):
    make_account()
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    login(client, "marie.dupont")
    assert client.session.session_key != before


def test_without_remember_me_the_session_ends_with_the_browser(client):
    make_account()
    login(client, "marie.dupont")
    assert client.session.get_expire_at_browser_close()


def test_remember_me_keeps_the_session(client):
    make_account()
    login(client, "marie.dupont", remember="on")
    assert not client.session.get_expire_at_browser_close()


def test_log_out(client):
    make_account()
    login(client, "marie.dupont")
    response = client.post("/fr/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_refused_in_french(client):
    make_account()
    response = login(client, "marie.dupont", password="wrong password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "incorrect" in response.content.decode()


def test_repeated_login_failures_are_rate_limited(client):
    make_account()
    statuses = [
        login(client, "marie.dupont", password=f"wrong {n}").status_code
        for n in range(6)
    ]
    assert statuses[-1] == 429
    assert "Trop de tentatives" in login(client, "marie.dupont").content.decode()


def test_next_never_redirects_off_site(client):
    make_account()
    for target in (
        "https://evil.example.com/",
        "//evil.example.com/",
        "/\\evil.example.com",
    ):
        client.logout()
        response = login(client, "marie.dupont", next=target)
        assert response.status_code == 302
        assert "evil.example.com" not in response["Location"], target


@pytest.mark.parametrize("target", ["http://[/", "//a]b/", "https://[::1/x"])
@pytest.mark.parametrize("path", ["/fr/accounts/login/", "/fr/accounts/signup/"])
def test_a_next_that_is_no_address_is_ignored(client, path, target):
    assert client.get(path, {"next": target}).status_code == 200
    make_account()
    response = login(client, "marie.dupont", next=target)
    assert response["Location"] == "/fr/"


def test_next_on_site_is_followed(client):
    make_account()
    response = login(client, "marie.dupont", next="/fr/search/?q=x")
    assert response["Location"] == "/fr/search/?q=x"


def test_signup_requires_verifying_the_email_before_logging_in(client):
    response = signup(client)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    message = mail.outbox[0]
    assert message.subject == "Centre d’aide\u00a0: Confirmez votre adresse e-mail"
    confirm = link_in(message.body, "/fr/accounts/confirm-email/")
    client.post(confirm.removeprefix("http://testserver"))
    assert EmailAddress.objects.get(email="paul@example.com").verified


def test_the_confirmation_mail_is_sent_again_at_most_once_in_three_minutes(
    client, settings
):
    # Signing in with an unconfirmed address sends the confirmation again,
    # but not within allauth's cooldown (`confirm_email`: 1/3m per address):
    # nobody can flood an inbox by signing in over and over.
    signup(client)
    for _ in range(3):
        Client().post(LOGIN, {"login": "paul", "password": STRONG_PASSWORD})
    assert len(mail.outbox) == 1
    # Three minutes later, as far as the cooldown knows: an empty cache.
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"three-minutes-later-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }
    Client().post(LOGIN, {"login": "paul", "password": STRONG_PASSWORD})
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == mail.outbox[0].subject


def test_signing_up_with_a_used_address_answers_like_a_new_signup(client):
    # No account enumeration: the page says "check your email" either way.
    new = signup(client)
    reused = Client().post(
        SIGNUP,
        {
            "email": "paul@example.com",
            "username": "paul2",
            "password1": STRONG_PASSWORD,
            "password2": STRONG_PASSWORD,
        },
    )
    assert (reused.status_code, reused["Location"]) == (302, new["Location"])
    assert not get_user_model().objects.filter(username="paul2").exists()


def test_signup_refuses_a_common_password_with_the_reason(client):
    response = signup(client, password="password123")
    assert response.status_code == 200
    assert "trop courant" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_signup_describes_the_password_rules_before_submission(client):
    page = client.get(SIGNUP).content.decode()
    assert "au minimum 10 caractères" in page


def test_signup_can_be_closed(client, settings):
    settings.ACCOUNT_SIGNUP_OPEN = False
    response = signup(client)
    assert not get_user_model().objects.exists()
    assert response.status_code == 200
    assert "Inscriptions fermées" in response.content.decode()


def test_a_created_superuser_logs_into_the_admin_straight_away(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", STRONG_PASSWORD)
    call_command(
        "createsuperuser",
        interactive=False,
        username="admin",
        email="admin@example.com",
        verbosity=0,
    )
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    login_page = response["Location"]
    assert login_page == "/en/accounts/login/?next=%2Fadmin%2F"
    response = client.post(login_page, {"login": "admin", "password": STRONG_PASSWORD})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_an_account_with_an_unconfirmed_address_is_not_logged_in(client):
    make_account(verified=False)
    response = login(client, "marie.dupont")
    assert response["Location"] == "/fr/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_a_staff_account_logs_in_without_confirming_its_address(client):
    user = make_account(verified=False)
    user.is_staff = True
    user.save()
    response = login(client, "marie.dupont")
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_the_admin_refuses_non_staff(client):
    make_account()
    login(client, "marie.dupont")
    assert client.get("/admin/login/").status_code == 403


def test_the_admin_login_page_sends_to_the_rate_limited_login(client):
    get_user_model().objects.create_superuser("admin", "a@example.com", "x" * 12)
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_repeated_signups_from_one_address_are_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "3/m/ip"}
    statuses = [signup(client, password="short").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert not get_user_model().objects.exists()
