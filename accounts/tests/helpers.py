"""Accounts as allauth keeps them: a user plus its EmailAddress rows."""

import re

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

STRONG_PASSWORD = "correct horse battery staple 42"


def make_account(username="marie.dupont", email="marie@example.com", verified=True):
    user = get_user_model().objects.create_user(
        username, email=email, password=STRONG_PASSWORD
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def link_in(text, path_fragment):
    """The first absolute link in an email body that contains `path_fragment`."""
    for url in re.findall(r"https?://[^\s<>\"]+", text):
        if path_fragment in url:
            return url
    raise AssertionError(f"no link with {path_fragment!r} in:\n{text}")


def sign_in(client, login, password=STRONG_PASSWORD, language="en"):
    return client.post(
        f"/{language}/accounts/login/", {"login": login, "password": password}
    )
