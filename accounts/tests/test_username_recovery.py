import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from .helpers import link_in, make_account

pytestmark = pytest.mark.django_db

RECOVER = "/fr/accounts/username/recover/"
DONE = "/fr/accounts/username/recover/done/"


@pytest.fixture
def account(django_user_model):
    user = django_user_model.objects.create_user(
        "marie.dupont", email="marie@example.com", password="x"
    )
    EmailAddress.objects.create(
        user=user, email="marie@example.com", verified=True, primary=True
    )
    return user


def test_the_form_asks_for_an_email_address(client):
    page = client.get(RECOVER).content.decode()
    assert 'type="email"' in page
    assert 'name="email"' in page


def test_a_verified_address_gets_its_username_by_email_in_french(client, account):
    response = client.post(RECOVER, {"email": "MARIE@example.com"})
    assert response.status_code == 302
    assert response["Location"] == DONE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["marie@example.com"]
    assert "marie.dupont" in message.body
    assert "Le voici" in message.body
    assert "http://testserver/fr/accounts/login/" in message.body
    assert "http://testserver/fr/accounts/password/reset/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>marie.dupont</strong>" in html


def test_an_address_stored_with_capitals_is_found(client, account):
    EmailAddress.objects.filter(user=account).update(email="Marie@Example.COM")
    client.post(RECOVER, {"email": "marie@example.com"})
    assert "marie.dupont" in mail.outbox[0].body


def test_accounts_sharing_an_address_are_listed_sorted_once_each(client):
    # Only one account may verify an address as typed, but the same address in
    # other capitals can be verified by another account, or twice by one.
    make_account("zoe.martin", "shared@example.com")
    adam = make_account("adam.petit", "Shared@example.com")
    EmailAddress.objects.create(user=adam, email="SHARED@example.com", verified=True)
    make_account("marc.blanc", "sHared@example.com")
    client.post(RECOVER, {"email": "shared@example.com"})
    html, _mimetype = mail.outbox[0].alternatives[0]
    listed = re.findall(r"<strong>([^<]*)</strong>", html)
    assert listed == ["adam.petit", "marc.blanc", "zoe.martin"]


def test_an_inactive_account_is_not_listed(client, account):
    account.is_active = False
    account.save()
    client.post(RECOVER, {"email": "marie@example.com"})
    assert "marie.dupont" not in mail.outbox[0].body


def test_an_unverified_address_is_told_to_reset_its_password_instead(client, account):
    EmailAddress.objects.filter(user=account).update(verified=False)
    response = client.post(RECOVER, {"email": "marie@example.com"})
    assert (response.status_code, response["Location"]) == (302, DONE)
    message = mail.outbox[0]
    assert "marie.dupont" not in message.body
    assert "aucun compte n’a confirmé cette adresse" in message.body
    assert "http://testserver/fr/accounts/password/reset/" in message.body


def test_an_unknown_address_gets_the_same_answer_as_a_known_one(client, account):
    known = client.post(RECOVER, {"email": "marie@example.com"})
    unknown = client.post(RECOVER, {"email": "nobody@example.com"})
    assert (known.status_code, known["Location"]) == (
        unknown.status_code,
        unknown["Location"],
    )
    assert [message.to for message in mail.outbox] == [
        ["marie@example.com"],
        ["nobody@example.com"],
    ]
    assert "marie.dupont" not in mail.outbox[1].body


def test_the_no_account_email_links_to_sign_up(client):
    client.post(RECOVER, {"email": "nobody@example.com"})
    link = link_in(mail.outbox[0].body, "/signup/")
    assert link == "http://testserver/fr/accounts/signup/"


def test_with_unknown_account_emails_off_an_unknown_address_gets_no_email(
    client, settings
):
    settings.ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
    response = client.post(RECOVER, {"email": "nobody@example.com"})
    assert (response.status_code, response["Location"]) == (302, DONE)
    assert mail.outbox == []


def test_the_done_page_mentions_delay_spam_and_sending_again(client):
    page = client.get(DONE).content.decode()
    assert "quelques minutes" in page
    assert "spam" in page
    assert f'href="{RECOVER}"' in page


@pytest.mark.parametrize(
    "email", ["", "not-an-email", "a" * 250 + "@example.com", "ü@\u202e.com"]
)
def test_bad_input_is_a_400_with_a_message_and_sends_nothing(client, email):
    response = client.post(RECOVER, {"email": email})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert mail.outbox == []


def test_missing_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(RECOVER, {"email": "marie@example.com"})
    assert response.status_code == 403
    assert "Veuillez réessayer" in response.content.decode()


def test_other_methods_are_refused(client):
    assert client.put(RECOVER).status_code == 405


def test_repeated_requests_for_one_address_are_rate_limited(client, account):
    statuses = [
        client.post(RECOVER, {"email": "marie@example.com"}).status_code
        for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    assert len(mail.outbox) == 3
    limited = client.post(RECOVER, {"email": "marie@example.com"})
    assert "Trop de tentatives" in limited.content.decode()
