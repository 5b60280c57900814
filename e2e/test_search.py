"""Readers search from the header box (with and without JavaScript), and
suggestions appear as they type, usable with the keyboard."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article

from .helpers import JOURNEY_ARTICLE, AxeReport, french
from .test_reading_journey import watch_for_errors

pytestmark = pytest.mark.e2e

ARTICLE_TITLE_FR = "Résolution des problèmes : impossible de se connecter"


def test_search_without_javascript_leads_to_the_article_with_the_query(site, new_page):
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    page = new_page(locale="fr-FR", java_script_enabled=False)
    page.goto(f"{site}{article.url_in('fr')}")

    box = page.get_by_role("searchbox", name=french("Search the help center"))
    box.fill("reinitialiser mot de passe")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/fr/search/\?q=reinitialiser"))
    # Best first, but "best" differs a little between SQLite's bm25 and
    # PostgreSQL's ts_rank: the article is among the first results.
    result = page.locator(".search-results > li").filter(
        has=page.get_by_role("heading", name=ARTICLE_TITLE_FR, level=2)
    )
    expect(result).to_have_count(1)
    expect(result.locator(".search-snippet mark").first).to_be_visible()
    expect(page.get_by_role("searchbox").first).to_have_value(
        "reinitialiser mot de passe"
    )

    result.get_by_role("link").click()
    expect(page).to_have_url(
        f"{site}{article.url_in('fr')}?q=reinitialiser+mot+de+passe"
    )
    expect(page.locator("link[rel=canonical]")).to_have_attribute(
        "href", f"{site}{article.url_in('fr')}"
    )


def test_suggestions_as_you_type_work_with_the_keyboard(site, new_page):
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    page = new_page(locale="fr-FR")
    errors = watch_for_errors(page)
    page.goto(f"{site}/fr/")

    box = page.get_by_role("combobox", name=french("Search the help center"))
    box.press_sequentially("impossible de se con")
    listbox = page.get_by_role("listbox", name=french("Suggested articles"))
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option").first).to_have_text(ARTICLE_TITLE_FR)

    axe = AxeReport()
    axe.check(page, "suggestions open")
    axe.assert_clean()

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press_sequentially("n")
    expect(listbox).to_be_visible()
    box.press("ArrowDown")
    first = listbox.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("Enter")
    expect(page).to_have_url(f"{site}{article.url_in('fr')}")
    assert not errors, errors


def test_a_suggestion_can_be_clicked(site, new_page):
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    page = new_page(locale="fr-FR")
    page.goto(f"{site}{article.url_in('fr')}")
    page.get_by_role("combobox").press_sequentially("change")
    option = page.get_by_role("option").first
    expect(option).to_be_visible()
    title = option.text_content()
    option.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_a_typo_is_corrected_and_the_typed_words_stay_one_click_away(site, new_page):
    page = new_page(locale="en-GB", java_script_enabled=False)
    page.goto(f"{site}/en/")
    box = page.get_by_role("searchbox", name="Search the help center")
    box.fill("pasword")
    box.press("Enter")

    correction = page.locator(".search-correction")
    expect(correction).to_contain_text("Showing results for password.")
    expect(
        page.locator(".search-results").get_by_role("link", name="Change your password")
    ).to_be_visible()
    # axe.check() on a page without JavaScript would wait forever for axe.
    axe = AxeReport()
    axe.check_without_javascript(page, new_page, site, "corrected search")
    axe.assert_clean()

    correction.get_by_role("link", name="pasword").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=pasword&exact=1$"))
    expect(page.locator(".search-correction")).to_have_count(0)
    expect(page.locator(".search-results")).to_have_count(0)

    page.go_back()
    page.locator(".search-correction").get_by_role("link", name="password").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=password$"))
    expect(page.locator(".search-correction")).to_have_count(0)
    expect(
        page.locator(".search-results").get_by_role("link", name="Change your password")
    ).to_be_visible()


def test_a_search_finding_little_links_to_the_other_language(site, new_page):
    page = new_page(locale="fr-FR", java_script_enabled=False)
    page.goto(f"{site}/fr/search/?q=browser")

    other = page.get_by_role(
        "link", name=re.compile(r"^Anglais\s: \d+ articles? trouvés?$")
    )
    expect(other).to_have_attribute("hreflang", "en")
    axe = AxeReport()
    axe.check_without_javascript(
        page, new_page, site, "search with results in another language"
    )
    axe.assert_clean()

    other.click()
    expect(page).to_have_url(f"{site}/en/search/?q=browser")
    expect(page.locator(".search-results > li").first).to_be_visible()
