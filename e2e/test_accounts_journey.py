"""From the troubleshooting article to a new password, as a French reader
would do it, with the email going through a real SMTP server."""

import re

import pytest

from accounts.tests.helpers import STRONG_PASSWORD, link_in, make_account

from .helpers import JOURNEY_ARTICLE, AxeReport, french

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "une longue phrase de passe 2026"


def test_reset_from_the_article_by_email_and_end_signed_in(site, new_page, smtp_inbox):
    from articles.models import Article

    make_account()
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    axe = AxeReport()
    page = new_page(locale="fr-FR")

    page.goto(f"{site}{article.url_in('fr')}")
    page.get_by_role(
        "link", name="réinitialiser votre mot de passe", exact=True
    ).click()
    page.wait_for_url(re.compile(r"/fr/accounts/password/reset/$"))
    axe.check(page, "reset form")
    page.get_by_label(french("Username or email address")).fill("marie@example.com")
    page.get_by_role("button", name=french("Email me a reset link")).click()
    page.wait_for_url(re.compile(r"/fr/accounts/password/reset/done/$"))
    axe.check(page, "reset sent")

    [message] = smtp_inbox.messages
    link = link_in(smtp_inbox.text_of(message), "/fr/accounts/password/reset/key/")
    page.goto(link)
    page.get_by_role("heading", name=french("Choose a new password")).wait_for()
    axe.check(page, "new password form")
    password = page.get_by_label(french("New Password"), exact=True)
    again = page.get_by_label(french("New Password (again)"))
    password.fill("password123")
    again.fill("password123")
    page.get_by_role("button", name=french("Save my new password")).click()
    page.locator(".field-errors").wait_for()
    assert "trop courant" in page.locator(".field-errors").inner_text()
    axe.check(page, "new password form, with errors")

    password.fill(NEW_PASSWORD)
    again.fill(NEW_PASSWORD)
    page.get_by_role("button", name=french("Save my new password")).click()
    page.get_by_text(french("Your account"), exact=True).wait_for()
    axe.check(page, "signed in after the reset")

    page.goto(link)
    page.get_by_role("heading", name=french("This link no longer works")).wait_for()
    axe.check(page, "used link")
    axe.assert_clean()


def test_signed_in_account_pages_have_no_axe_violations(site, new_page):
    make_account()
    axe = AxeReport()
    page = new_page(locale="fr-FR")
    page.goto(f"{site}/fr/accounts/login/")
    page.locator("input[name=login]").fill("marie.dupont")
    page.locator("input[name=password]").fill(STRONG_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.get_by_text(french("Your account"), exact=True).wait_for()
    for path in ("/fr/accounts/password/change/", "/fr/accounts/email/"):
        page.goto(f"{site}{path}")
        axe.check(page, path)
    axe.assert_clean()
