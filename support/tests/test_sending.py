"""Sending a request: stored, emailed to support with its context and
acknowledged to the reader, over a real SMTP server."""

import pytest

from accounts.tests.helpers import make_account
from articles.tests.helpers import make_article
from helpcenter.tests.test_bad_input import rows
from support.models import SupportDay, SupportRequest

from .helpers import request_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return make_article(title_en="Log in", title_fr="Se connecter")


def to_support_in(inbox):
    return next(m for m in inbox.messages if m["To"] == "support@example.com")


def send(client, **changes):
    return client.post("/fr/support/", request_data(**changes))


def test_sending_stores_the_request_and_leads_to_the_acknowledgement(
    client, article, smtp_inbox
):
    response = send(client, article=str(article.pk), reason="unclear")
    assert response.status_code == 303
    assert response["Location"] == "/fr/support/sent/"
    stored = SupportRequest.objects.get()
    assert (stored.article, stored.article_language, stored.reason) == (
        article,
        "fr",
        "unclear",
    )
    assert (stored.email, stored.language) == ("marie@example.com", "fr")
    page = client.get(response["Location"])
    assert "Votre demande a été envoyée" in page.content.decode()


def test_support_gets_the_message_with_its_context_and_can_reply_to_the_reader(
    client, article, smtp_inbox
):
    send(client, article=str(article.pk), reason="unclear")
    to_support = to_support_in(smtp_inbox)
    assert to_support["Reply-To"] == "marie@example.com"
    assert to_support["Subject"].endswith("] Impossible de me connecter")
    body = smtp_inbox.text_of(to_support)
    assert "Opened from the article: Log in" in body
    assert "(French)" in body or "(Français)" in body or "French" in body
    assert "After answering No, with the reason: It's hard to understand" in body
    assert "J’ai réinitialisé mon mot de passe, rien n’y fait." in body


def test_the_reader_gets_an_acknowledgement_in_their_language_without_their_text(
    client, article, smtp_inbox
):
    send(client, article=str(article.pk))
    ack = next(m for m in smtp_inbox.messages if m["To"] == "marie@example.com")
    number = SupportRequest.objects.get().pk
    assert ack["Subject"] == f"Nous avons bien reçu votre demande n°\u00a0{number}"
    body = smtp_inbox.text_of(ack)
    assert "«\u00a0Se connecter\u00a0»" in body
    assert "rien n’y fait" not in body


def test_a_signed_in_readers_username_is_attached(client, smtp_inbox):
    user = make_account()
    client.force_login(user)
    send(client)
    assert SupportRequest.objects.get().username == user.username
    to_support = to_support_in(smtp_inbox)
    assert f"(account {user.username})" in smtp_inbox.text_of(to_support)


def test_a_signed_in_readers_address_is_prefilled(client):
    user = make_account()
    client.force_login(user)
    page = client.get("/fr/support/").content.decode()
    assert f'value="{user.email}"' in page


def test_the_form_shows_the_article_its_language_and_the_reason(client, article):
    page = client.get(f"/fr/support/?article={article.pk}&reason=missing")
    text = page.content.decode()
    assert "Se connecter" in text
    assert "français" in text
    assert "Non\u00a0: Il manque des informations" in text


def test_the_support_page_is_never_kept_by_a_cache(client):
    response = client.get("/fr/support/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_opening_the_form_from_an_article_counts_for_that_article(client, article):
    client.get(f"/fr/support/?article={article.pk}")
    client.get("/fr/support/")
    day = SupportDay.objects.get()
    assert (day.article, day.language, day.opened, day.sent) == (article, "fr", 1, 0)


def test_sending_counts_a_request_sent_for_the_article(client, article, smtp_inbox):
    send(client, article=str(article.pk))
    assert SupportDay.objects.get(article=article, language="fr").sent == 1


def test_an_unknown_article_in_the_link_opens_the_form_without_context(client):
    response = client.get("/fr/support/?article=999999&reason=unclear")
    assert response.status_code == 200
    assert "support-context" not in response.content.decode()


def test_a_filled_in_trap_field_is_answered_like_a_sent_request_and_stores_nothing(
    client, article, smtp_inbox
):
    before = rows()
    response = send(client, article=str(article.pk), website="http://spam.example")
    assert response.status_code == 303
    assert response["Location"] == "/fr/support/sent/"
    assert rows() == before
    assert smtp_inbox.messages == []


def test_html_in_a_message_is_shown_as_text(client, smtp_inbox):
    send(client, subject="<b>bold</b>", message="<script>alert(1)</script> hello")
    to_support = to_support_in(smtp_inbox)
    assert to_support.get_content_type() == "text/plain"
    assert "<script>alert(1)</script> hello" in smtp_inbox.text_of(to_support)


def test_the_next_step_shows_matching_articles_and_stores_nothing(client, article):
    before = rows()
    response = send(client, subject="Se connecter", step="review")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Se connecter</a>" in page
    assert 'name="step" value="send"' in page
    assert rows() == before


def test_the_acknowledgement_page_shows_nothing_of_the_reader(client, smtp_inbox):
    response = send(client)
    page = client.get(response["Location"])
    assert "marie@example.com" not in page.content.decode()
    assert "no-store" in page["Cache-Control"]
