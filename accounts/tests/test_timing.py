"""Known and unknown accounts cost the same work (issue #13).

The pages already answer alike; the time must not tell accounts apart either.
What costs time is hashing a password and writing an email, so these tests
count both instead of timing requests: runs of a counting password hasher, and
emails sent (the outbox; the queued backend would queue one task for each).
Two answers differ by design: a taken username is said on the sign-up page,
and an unknown username has no address to send a reset email to."""

from dataclasses import dataclass

import pytest
from django.core import mail
from django.test import Client
from django.test.signals import template_rendered

from .hashers import CountingHasher
from .helpers import STRONG_PASSWORD, make_account

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "not the right password at all"


@dataclass(frozen=True)
class Cost:
    hashes: int
    emails: int


@pytest.fixture(autouse=True)
def _counting_hasher(settings):
    # First in the list, so it hashes every new password, the dummy ones too.
    settings.PASSWORD_HASHERS = [
        "accounts.tests.hashers.CountingHasher",
        *settings.PASSWORD_HASHERS,
    ]


def cost_of(post):
    """What one request (`post`, a callable) costs."""
    hashes, sent = CountingHasher.runs, len(mail.outbox)
    post()
    return Cost(CountingHasher.runs - hashes, len(mail.outbox) - sent)


def emails_written_by(post):
    """The email templates one request renders, whether or not it sends them."""
    names = []

    def rendered(sender, template, **kwargs):
        if template.name.startswith("account/email/"):
            names.append(template.name)

    template_rendered.connect(rendered)
    try:
        post()
    finally:
        template_rendered.disconnect(rendered)
    return names


def make(kind):
    """marie.dupont / marie@example.com, active, deactivated or unverified."""
    user = make_account(verified=kind != "unverified")
    if kind == "deactivated":
        user.is_active = False
        user.save()


def failed_login(login):
    return lambda: Client().post(
        "/fr/accounts/login/", {"login": login, "password": WRONG_PASSWORD}
    )


def signup(email, username):
    return lambda: Client().post(
        "/fr/accounts/signup/",
        {
            "email": email,
            "username": username,
            "password1": STRONG_PASSWORD,
            "password2": STRONG_PASSWORD,
        },
    )


def reset(login):
    return lambda: Client().post("/fr/accounts/password/reset/", {"email": login})


def recover_username(email):
    return lambda: Client().post("/fr/accounts/username/recover/", {"email": email})


@pytest.mark.parametrize("kind", ["active", "deactivated", "unverified"])
@pytest.mark.parametrize(
    ("known", "unknown"),
    [("marie.dupont", "nobody"), ("marie@example.com", "nobody@example.com")],
    ids=["by-username", "by-email"],
)
def test_a_wrong_password_costs_one_hash_whether_or_not_the_account_exists(
    kind, known, unknown
):
    make(kind)
    assert cost_of(failed_login(known)) == cost_of(failed_login(unknown)) == Cost(1, 0)


@pytest.mark.parametrize("verified", [True, False], ids=["verified", "unverified"])
def test_signing_up_with_a_used_address_costs_what_a_new_address_does(verified):
    make_account(verified=verified)
    new = cost_of(signup("paul@example.com", "paul"))
    assert cost_of(signup("marie@example.com", "marie2")) == new == Cost(1, 1)


def test_a_used_username_is_refused_alike_whether_or_not_the_address_is_used():
    # A taken username is said on the page (allauth: the person must pick
    # another), so its own timing hides nothing; the address must stay hidden.
    make_account()
    make_account("paul", "paul@example.com")
    with_new_address = signup("new@example.com", "paul")
    with_used_address = signup("marie@example.com", "paul")
    assert cost_of(with_new_address) == cost_of(with_used_address) == Cost(0, 0)
    errors = [
        post().context["form"].errors.get_json_data()
        for post in (with_new_address, with_used_address)
    ]
    assert errors[0] == errors[1]
    assert list(errors[0]) == ["username"]


def test_a_reset_by_email_costs_one_email_whether_or_not_the_address_is_known():
    make_account()
    known = cost_of(reset("marie@example.com"))
    assert cost_of(reset("nobody@example.com")) == known == Cost(0, 1)


def test_an_unknown_username_gets_the_reset_email_an_unknown_address_gets_unsent():
    # Nothing can be sent, but the email is written all the same: the answer
    # costs what a known username's does.
    make_account()
    assert cost_of(reset("marie.dupont")) == Cost(0, 1)
    assert cost_of(reset("nobody")) == Cost(0, 0)
    assert emails_written_by(reset("nobody")) == emails_written_by(
        reset("nobody@example.com")
    )


@pytest.mark.parametrize("kind", ["active", "deactivated", "unverified"])
def test_username_recovery_costs_one_email_whether_or_not_the_address_is_known(kind):
    make(kind)
    known = cost_of(recover_username("marie@example.com"))
    assert cost_of(recover_username("nobody@example.com")) == known == Cost(0, 1)
