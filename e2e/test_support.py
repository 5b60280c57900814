"""A French reader answers No on the login article, gives a reason, and
contacts support from there: the form shows what it will send, offers
articles matching the subject (a "Next" step without JavaScript, live with
it), and the request reaches support. axe finds nothing on the support
pages, which are valid HTML."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from articles.models import Article
from support.models import SupportRequest

from .helpers import JOURNEY_ARTICLE, AxeReport, assert_valid_html, french
from .test_feedback import REASON
from .test_html_validity import vnu  # noqa: F401 - the Nu checker fixture
from .test_reading_journey import watch_for_errors

pytestmark = pytest.mark.e2e

SUBJECT = "Mot de passe"
MESSAGE = "Le lien de réinitialisation dit qu’il a expiré, même tout de suite."


def answer_no_with_a_reason(page, site):
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    page.goto(f"{site}{article.url_in('fr')}")
    widget = page.locator("#feedback")
    widget.get_by_role("button", name=french("No"), exact=True).click()
    followup = widget.get_by_role("group", name=french("What went wrong? (optional)"))
    followup.get_by_label(french(REASON)).check()
    widget.get_by_role("button", name=french("Send")).click()
    expect(widget.get_by_role("status")).to_have_text(
        french("Thanks, your comments will help us improve this article.")
    )
    support = page.locator("aside.support").get_by_role(
        "link", name=french("Contact support")
    )
    expect(support).to_have_attribute(
        "href", f"/fr/support/?article={article.pk}&reason=inaccurate"
    )
    support.click()
    return article


def expect_the_context(page, article):
    context = page.locator(".support-context")
    expect(context).to_contain_text(article.title_fr)
    expect(context).to_contain_text("français")
    expect(context).to_contain_text(french(REASON))


def fill_in(page):
    page.get_by_label(french("Your email address"), exact=True).fill(
        "marie@example.com"
    )
    page.get_by_label(french("Subject"), exact=True).fill(SUBJECT)
    page.get_by_label(french("Your message"), exact=True).fill(MESSAGE)


def expect_sent(page, article, smtp_inbox):
    expect(page).to_have_url(re.compile(r"/fr/support/sent/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        french("Your request was sent")
    )
    stored = SupportRequest.objects.get()
    assert (stored.article, stored.article_language, stored.reason) == (
        article,
        "fr",
        "inaccurate",
    )
    assert (stored.subject, stored.message) == (SUBJECT, MESSAGE)
    to_support = [m for m in smtp_inbox.messages if m["To"] == "support@example.com"]
    assert len(to_support) == 1
    assert to_support[0]["Reply-To"] == "marie@example.com"


def test_contacting_support_after_a_no_without_javascript(site, new_page, smtp_inbox):
    page = new_page(locale="fr-FR", java_script_enabled=False)
    errors = watch_for_errors(page)
    axe = AxeReport()
    article = answer_no_with_a_reason(page, site)
    expect(page).to_have_url(
        re.compile(r"/fr/support/\?article=\d+&reason=inaccurate$")
    )
    expect_the_context(page, article)
    axe.check_without_javascript(page, new_page, site, "support form")

    fill_in(page)
    page.get_by_role("button", name=french("Next")).click()
    suggestions = page.locator(".support-suggestions")
    expect(suggestions.get_by_role("heading")).to_have_text(
        french("Before you send: these articles may answer your question")
    )
    expect(suggestions.get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"^/fr/support/suggested/\?t=")
    )
    expect_the_context(page, article)
    expect(page.get_by_label(french("Subject"), exact=True)).to_have_value(SUBJECT)
    axe.check_without_javascript(page, new_page, site, "suggestions step")

    page.get_by_role("button", name=french("Send"), exact=True).click()
    expect_sent(page, article, smtp_inbox)
    axe.check_without_javascript(page, new_page, site, "sent")
    axe.assert_clean(" on the support pages")
    assert errors == []


def test_contacting_support_after_a_no_with_javascript(site, new_page, smtp_inbox):
    page = new_page(locale="fr-FR")
    errors = watch_for_errors(page)
    axe = AxeReport()
    article = answer_no_with_a_reason(page, site)
    expect_the_context(page, article)
    axe.check(page, "support form")

    fill_in(page)
    live = page.locator("[data-support-live]")
    expect(live).to_be_visible()
    expect(live.get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"^/fr/support/suggested/\?t=")
    )
    expect(page.locator("[data-support-live-status]")).to_contain_text(
        french("Articles found: {count}").split("{count}")[0].strip()
    )
    axe.check(page, "live suggestions")

    page.get_by_role("button", name=french("Send"), exact=True).click()
    expect_sent(page, article, smtp_inbox)
    axe.check(page, "sent")
    axe.assert_clean(" on the support pages")
    assert errors == []


@pytest.mark.django_db
def test_the_support_pages_are_valid_html(vnu, tmp_path):  # noqa: F811
    from articles.tests.helpers import make_article

    article = make_article(title_fr="Se connecter")
    reader = Client()
    pages = {
        "form from an article": reader.get(
            f"/fr/support/?article={article.pk}&reason=unclear"
        ),
        "refused form": reader.post("/fr/support/", {"email": "x"}),
        "suggestions step": reader.post(
            "/fr/support/",
            {
                "email": "marie@example.com",
                "subject": "Se connecter",
                "message": "Rien ne marche depuis hier.",
                "step": "review",
            },
        ),
        "sent": reader.get("/fr/support/sent/"),
    }
    assert_valid_html(vnu, pages, tmp_path / "pages")
