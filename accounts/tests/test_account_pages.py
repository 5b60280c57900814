"""The account pages in the site's own words: sentence-case headings, a
lockout that says how long to wait and what to do, a "Check your email" page
with ways forward, and an email page offering only what can be done."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from .helpers import STRONG_PASSWORD, make_account
from .two_step import confirm_password

pytestmark = pytest.mark.django_db


def h1(response):
    return re.search(r"<h1>(.*?)</h1>", response.content.decode(), re.S).group(1)


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/en/accounts/login/", "Sign in"),
        ("/en/accounts/signup/", "Create an account"),
        ("/en/accounts/confirm-email/", "Check your email"),
    ],
)
def test_visitors_account_pages_have_sentence_case_headings(client, path, heading):
    assert h1(client.get(path)) == heading


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/en/accounts/email/", "Email addresses"),
        ("/en/accounts/password/change/", "Change your password"),
        ("/en/accounts/logout/", "Sign out"),
    ],
)
def test_members_account_pages_have_sentence_case_headings(client, path, heading):
    client.force_login(make_account())
    assert h1(client.get(path)) == heading


def test_the_login_page_says_username_or_email_as_sign_up_asks_for_both(client):
    page = main(client.get("/en/accounts/login/"))
    assert "Username or email address" in page
    assert "Your username or the email address of your account." in page
    assert "usually your email" not in page
    assert "placeholder=" not in page
    assert "Remember me" in page


def test_a_locked_out_reader_is_told_how_long_to_wait_and_the_ways_forward(client):
    make_account()
    for attempt in range(6):
        response = client.post(
            "/fr/accounts/login/",
            {"login": "marie.dupont", "password": f"no {attempt}"},
        )
    assert response.status_code == 429
    page = main(response)
    assert "Patientez environ 5 minutes, puis réessayez." in page
    assert 'href="/fr/accounts/password/reset/"' in page
    assert 'href="/fr/accounts/username/recover/"' in page
    # One message, not allauth's "try again later" as well.
    assert "plus tard" not in page


def test_the_lockout_follows_the_configured_limit(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": "10/m/ip,2/15m/key",
    }
    make_account()
    for attempt in range(3):
        response = client.post(
            "/en/accounts/login/",
            {"login": "marie.dupont", "password": f"no {attempt}"},
        )
    assert "Wait about 15 minutes" in main(response)


def test_check_your_email_says_how_to_get_it_again_and_links_to_support(client):
    page = main(client.get("/en/accounts/confirm-email/"))
    assert '<a href="/en/accounts/login/">Sign in</a>' in page
    assert "at most once every 3 minutes" in page
    assert '<a href="/en/support/">Contact support</a>' in page


def test_the_only_verified_primary_address_offers_no_action(client):
    client.force_login(make_account())
    page = main(client.get("/en/accounts/email/"))
    for action in ("action_primary", "action_send", "action_remove"):
        assert action not in page
    assert "action_add" in page


def test_a_second_address_can_be_made_primary_or_removed_with_a_quiet_button(client):
    user = make_account()
    EmailAddress.objects.create(user=user, email="marie@work.example", verified=True)
    client.force_login(user)
    page = main(client.get("/en/accounts/email/"))
    assert page.count('name="action_primary"') == 1
    assert page.count('name="action_remove"') == 1
    assert 'class="button-danger" name="action_remove"' in page
    assert "action_send" not in page


def test_an_unverified_address_offers_to_send_the_verification_again(client):
    user = make_account()
    EmailAddress.objects.create(user=user, email="marie@new.example", verified=False)
    client.force_login(user)
    page = main(client.get("/en/accounts/email/"))
    assert page.count('name="action_send"') == 1
    assert 'value="marie@new.example"' in page
    assert page.count('name="action_primary"') == 0


def test_removing_an_address_from_its_own_form_removes_that_one(client):
    user = make_account()
    EmailAddress.objects.create(user=user, email="marie@old.example", verified=True)
    client.force_login(user)
    response = client.post(
        "/en/accounts/email/", {"email": "marie@old.example", "action_remove": ""}
    )
    confirm_password(client, response)  # asked first since #20
    assert list(EmailAddress.objects.values_list("email", flat=True)) == [
        "marie@example.com"
    ]


def test_signing_in_with_the_wrong_password_keeps_the_glossary_labels():
    client = Client()
    make_account()
    page = main(
        client.post(
            "/fr/accounts/login/",
            {"login": "marie.dupont", "password": "x" + STRONG_PASSWORD},
        )
    )
    assert "Nom d’utilisateur ou adresse e-mail" in page
    assert "Identifiant" not in page
