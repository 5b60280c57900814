"""A French reader who came from a search answers No, picks a reason and
leaves a comment: first with JavaScript (no reload, the answer announced in
the live region), then without it (plain form posts). axe finds nothing on
the widget in each state, and the pages the widget leads to are valid HTML."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from articles.models import Article
from feedback.models import Feedback

from .helpers import JOURNEY_ARTICLE, AxeReport, assert_valid_html, french
from .test_html_validity import vnu  # noqa: F401 - the Nu checker fixture
from .test_reading_journey import watch_for_errors

pytestmark = pytest.mark.e2e

REASON = "It's inaccurate or out of date"
COMMENT = "L’étape 3 ne correspond plus à l’écran."


def check_axe(page, state, axe):
    axe.check(page, state, context="#feedback")


def open_article(new_page, site, **context):
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    page = new_page(locale="fr-FR", **context)
    errors = watch_for_errors(page)
    page.goto(f"{site}{article.url_in('fr')}?q=mot+de+passe")
    return article, page, errors, page.locator("#feedback")


def test_answering_no_with_javascript(site, new_page):
    article, page, errors, widget = open_article(new_page, site)
    axe = AxeReport()
    status = widget.get_by_role("status")
    yes = widget.get_by_role("button", name=french("Yes"), exact=True)
    no = widget.get_by_role("button", name=french("No"), exact=True)
    expect(widget.get_by_role("heading", level=2)).to_have_text(
        french("Did this answer your question?")
    )
    expect(widget.get_by_role("group")).to_be_visible()
    expect(no).to_have_attribute("aria-pressed", "false")
    followup = widget.get_by_role("group", name=french("What went wrong? (optional)"))
    expect(followup).to_be_hidden()
    check_axe(page, "before answering", axe)
    page.evaluate("window.notReloaded = true")

    no.click()
    expect(no).to_have_attribute("aria-pressed", "true")
    expect(yes).to_have_attribute("aria-pressed", "false")
    expect(status).to_have_text(french("Thanks for letting us know."))
    expect(followup).to_be_visible()
    support = page.locator("main").get_by_role("link", name=french("Contact support"))
    expect(support).to_have_count(1)
    expect(support).to_have_attribute(
        "href", re.compile(r"^/fr/support/\?article=\d+$")
    )
    check_axe(page, "after No", axe)

    followup.get_by_label(french(REASON)).check()
    comment = widget.get_by_label(french("Tell us more (optional)"))
    comment.fill(COMMENT)
    expect(widget.locator("[data-feedback-counter]")).to_have_text(
        re.compile(rf"^Caractères utilisés\s: {len(COMMENT)}/1\s000$")
    )
    widget.get_by_role("button", name=french("Send")).click()
    expect(status).to_have_text(
        french("Thanks, your comments will help us improve this article.")
    )
    expect(status).to_be_focused()
    expect(followup).to_be_hidden()
    check_axe(page, "after sending the comment", axe)

    assert page.evaluate("window.notReloaded") is True, "the page was reloaded"
    vote = Feedback.objects.get()
    assert (vote.article, vote.value, vote.reason, vote.comment) == (
        article,
        "no",
        "inaccurate",
        COMMENT,
    )
    assert (vote.language, vote.search_query) == ("fr", "mot de passe")

    yes.click()
    expect(status).to_have_text(
        french("Thanks for your feedback! We're glad it helped.")
    )
    expect(yes).to_have_attribute("aria-pressed", "true")
    expect(support).to_be_visible()
    assert Feedback.objects.get().value == "yes"
    axe.assert_clean(" in the widget")
    assert errors == []


def test_answering_no_without_javascript(site, new_page):
    article, page, errors, widget = open_article(
        new_page, site, java_script_enabled=False
    )
    axe = AxeReport()
    no = widget.get_by_role("button", name=french("No"), exact=True)
    followup = widget.get_by_role("group", name=french("What went wrong? (optional)"))
    expect(followup).to_be_hidden()
    axe.check_without_javascript(
        page, new_page, site, "before answering (no JavaScript)", context="#feedback"
    )

    no.click()
    expect(page).to_have_url(
        re.compile(
            rf"{re.escape(article.url_in('fr'))}\?feedback=sent&q=mot\+de\+passe#feedback$"
        )
    )
    expect(no).to_have_attribute("aria-pressed", "true")
    expect(widget.get_by_role("status")).to_have_text(
        french("Thanks for letting us know.")
    )
    expect(followup).to_be_visible()
    axe.check_without_javascript(
        page, new_page, site, "after No (no JavaScript)", context="#feedback"
    )

    followup.get_by_label(french(REASON)).check()
    widget.get_by_label(french("Tell us more (optional)")).fill(COMMENT)
    widget.get_by_role("button", name=french("Send")).click()
    expect(widget.get_by_role("status")).to_have_text(
        french("Thanks, your comments will help us improve this article.")
    )
    expect(followup).to_be_hidden()
    expect(no).to_have_attribute("aria-pressed", "true")
    axe.check_without_javascript(
        page,
        new_page,
        site,
        "after sending the comment (no JavaScript)",
        context="#feedback",
    )

    vote = Feedback.objects.get()
    assert (vote.value, vote.reason, vote.comment, vote.search_query) == (
        "no",
        "inaccurate",
        COMMENT,
        "mot de passe",
    )
    axe.assert_clean(" in the widget")
    assert errors == []


@pytest.mark.django_db
def test_the_widget_states_and_feedback_pages_are_valid_html(vnu, tmp_path):  # noqa: F811
    from articles.tests.helpers import make_article

    article = make_article()
    for number in range(6):
        Feedback.objects.create(
            article=article, visitor=f"v{number}", language="fr", value="yes"
        )
    reader = Client(headers={"Sec-Fetch-Site": "same-origin"})
    voted = reader.post(f"/fr/articles/{article.pk}/feedback/", {"value": "no"})
    pages = {
        "article after No": reader.get(voted["Location"]),
        "refused answer": reader.post(
            f"/fr/articles/{article.pk}/feedback/", {"value": "maybe"}
        ),
        "home with the most helpful": reader.get("/fr/"),
    }
    assert (
        "Articles les plus utiles"
        in pages["home with the most helpful"].content.decode()
    )
    assert_valid_html(vnu, pages, tmp_path / "pages")
