"""Signed-in readers have an account menu in the header (a <details>, so it
works without JavaScript); visitors have "Sign in"."""

import pytest

from .helpers import make_account

pytestmark = pytest.mark.django_db


def test_a_signed_in_reader_has_a_menu_with_their_name_and_account_pages(client):
    client.force_login(make_account())
    header = client.get("/fr/").content.decode().split("</header>")[0]
    assert '<details class="account-menu">' in header
    assert "<summary>Votre compte</summary>" in header
    assert "Connecté en tant que <strong>marie.dupont</strong>" in header
    for path in (
        "/fr/accounts/email/",
        "/fr/accounts/password/change/",
        "/fr/accounts/2fa/",
        "/fr/accounts/sessions/",
    ):
        assert f'href="{path}"' in header
    assert 'href="/fr/accounts/logout/"' in header


def test_a_visitor_has_sign_in_and_no_account_menu(client):
    header = client.get("/fr/").content.decode().split("</header>")[0]
    assert "account-menu" not in header
    assert 'href="/fr/accounts/login/"' in header
