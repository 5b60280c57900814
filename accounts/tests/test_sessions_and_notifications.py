"""Readers see their sessions and end them; a changed password or primary
address ends the others; the account's address hears of each change to its
sign-in (through a real SMTP server, in the reader's language)."""

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .helpers import STRONG_PASSWORD, make_account, sign_in
from .two_step import confirm_password, enrol

pytestmark = pytest.mark.django_db

SESSIONS = "/en/accounts/sessions/"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) Safari/604.1"
NEW_PASSWORD = "a brand new passphrase 77"


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    """Hashing is not under test here: Django's quick test hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reader():
    return make_account()


def browser(user_agent, language="en"):
    """A browser signed in to the reader's account."""
    client = Client(HTTP_USER_AGENT=user_agent)
    sign_in(client, "marie.dupont", language=language)
    return client


def is_signed_in(client):
    return client.get("/en/accounts/email/").status_code == 200


def test_the_sessions_page_lists_each_browser_signed_in(reader):
    laptop, _phone = browser(FIREFOX), browser(PHONE)
    page = laptop.get(SESSIONS).content.decode()
    assert "Firefox/140.0" in page
    assert "iPhone" in page
    assert page.count("This browser") == 1
    assert page.count(">Sign out</button>") == 1


def test_ending_one_session_signs_that_browser_out(reader):
    laptop, phone = browser(FIREFOX), browser(PHONE)
    other = UserSession.objects.get(user_agent=PHONE)
    response = laptop.post(f"/en/accounts/sessions/{other.pk}/end/")
    assert response["Location"] == SESSIONS
    assert not is_signed_in(phone)
    assert is_signed_in(laptop)


def test_ending_all_other_sessions_keeps_this_one(reader):
    laptop, phone, tablet = browser(FIREFOX), browser(PHONE), browser("Tablet")
    laptop.post(SESSIONS)
    assert [is_signed_in(c) for c in (laptop, phone, tablet)] == [True, False, False]


def test_a_reader_cannot_end_someone_elses_session(reader):
    browser(PHONE)
    make_account("paul", "paul@example.com")
    intruder = Client()
    sign_in(intruder, "paul")
    theirs = UserSession.objects.get(user=reader)
    assert intruder.post(f"/en/accounts/sessions/{theirs.pk}/end/").status_code == 404
    assert UserSession.objects.filter(pk=theirs.pk).exists()


def test_changing_the_password_ends_other_sessions_and_notifies(reader, smtp_inbox):
    laptop, phone = browser(FIREFOX, language="fr"), browser(PHONE)
    response = laptop.post(
        "/fr/accounts/password/change/",
        {
            "oldpassword": STRONG_PASSWORD,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert list(UserSession.objects.values_list("user_agent", flat=True)) == [FIREFOX]
    [message] = smtp_inbox.messages
    assert message["To"] == "marie@example.com"
    assert "Votre mot de passe a été modifié" in smtp_inbox.text_of(message)


def test_changing_the_primary_address_asks_the_password_ends_sessions_and_notifies(
    reader, smtp_inbox
):
    EmailAddress.objects.create(
        user=reader, email="marie@work.example", verified=True, primary=False
    )
    laptop, phone = browser(FIREFOX), browser(PHONE)
    make_primary = {"email": "marie@work.example", "action_primary": ""}
    response = laptop.post("/en/accounts/email/", make_primary)
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    assert EmailAddress.objects.get(primary=True).email == "marie@example.com"
    confirm_password(laptop, response)
    assert EmailAddress.objects.get(primary=True).email == "marie@work.example"
    assert not is_signed_in(phone)
    assert is_signed_in(laptop)
    [message] = smtp_inbox.messages
    assert message["To"] == "marie@example.com"
    assert "marie@work.example" in smtp_inbox.text_of(message)


# allauth mails "turned on" once the new factor is committed: a transaction
# of its own, as in production.
@pytest.mark.django_db(transaction=True)
def test_turning_two_step_on_and_off_notifies_in_the_readers_language(
    reader, smtp_inbox
):
    laptop = browser(FIREFOX, language="fr")
    enrol(laptop, language="fr")
    response = laptop.post("/fr/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    turned_on, turned_off = smtp_inbox.messages
    assert "Centre d’aide" in turned_on["Subject"]
    assert "Application d'authentification activée" in smtp_inbox.text_of(turned_on)
    assert "Application d'authentification désactivée" in smtp_inbox.text_of(turned_off)
    assert turned_off["To"] == "marie@example.com"


def test_the_setup_page_is_linked_from_the_account_pages(reader):
    page = browser(FIREFOX).get("/en/accounts/email/").content.decode()
    assert 'href="/en/accounts/2fa/">Two-step sign-in</a>' in page
    assert f'href="{SESSIONS}">Sessions</a>' in page


@pytest.mark.parametrize("pk", ["999999", "9" * 30])
def test_ending_a_session_that_does_not_exist_is_404(reader, pk):
    laptop = browser(FIREFOX)
    assert laptop.post(f"/en/accounts/sessions/{pk}/end/").status_code == 404
    assert is_signed_in(laptop)


def test_last_seen_is_written_at_most_every_five_minutes_not_on_every_page(reader):
    laptop = browser(FIREFOX)
    laptop.get("/en/")
    seen = UserSession.objects.get().last_seen_at
    with CaptureQueriesContext(connection) as captured:
        laptop.get("/en/")
    assert not [q for q in captured.captured_queries if "usersessions" in q["sql"]]
    assert UserSession.objects.get().last_seen_at == seen

    session = laptop.session
    session["_usersession_seen_at"] -= 301  # five minutes later
    session.save()
    laptop.get("/en/")
    assert UserSession.objects.get().last_seen_at > seen
