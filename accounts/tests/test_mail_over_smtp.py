"""The account emails, sent through a real SMTP server as in production."""

from urllib.parse import urlsplit

import pytest

from .helpers import link_in, make_account

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un nouveau mot de passe solide"


def test_french_password_reset_by_mail_end_to_end(client, smtp_inbox):
    make_account()
    client.post("/fr/accounts/password/reset/", {"email": "marie@example.com"})
    [message] = smtp_inbox.messages
    assert message["To"] == "marie@example.com"
    assert message["From"] == "help@example.com"
    subject = message["Subject"].strip()
    assert subject == "Centre d’aide\u00a0: Réinitialiser votre mot de passe"
    text = smtp_inbox.text_of(message)
    assert "expire dans 2 heures" in text
    assert "Choisir un nouveau mot de passe" in smtp_inbox.html_of(message)
    link = urlsplit(link_in(text, "/fr/accounts/password/reset/key/")).path

    form_url = client.get(link)["Location"]
    weak = client.post(
        form_url, {"password1": "password123", "password2": "password123"}
    )
    assert "trop courant" in weak.content.decode()
    strong = client.post(
        form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert strong.status_code == 302

    client.logout()
    login = client.post(
        "/fr/accounts/login/", {"login": "marie@example.com", "password": NEW_PASSWORD}
    )
    assert login.status_code == 302
    assert "_auth_user_id" in client.session

    client.logout()
    reused = client.get(link, follow=True).content.decode()
    assert "Ce lien ne fonctionne plus" in reused


def test_french_username_recovery_by_mail_end_to_end(client, smtp_inbox):
    make_account()
    client.post("/fr/accounts/username/recover/", {"email": "marie@example.com"})
    [message] = smtp_inbox.messages
    assert message["Subject"].strip() == "Centre d’aide\u00a0: Votre nom d’utilisateur"
    text = smtp_inbox.text_of(message)
    assert "marie.dupont" in text
    assert "<strong>marie.dupont</strong>" in smtp_inbox.html_of(message)

    login_url = urlsplit(link_in(text, "/fr/accounts/login/")).path
    assert client.get(login_url).status_code == 200
    reset_url = urlsplit(link_in(text, "/fr/accounts/password/reset/")).path
    client.post(reset_url, {"email": "marie.dupont"})
    assert "/fr/accounts/password/reset/key/" in smtp_inbox.text_of(
        smtp_inbox.messages[1]
    )
