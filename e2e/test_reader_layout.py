"""What made readers stop (issue #18), seen in a real browser: the side
column beside the article, the French article on a phone, the header search
box, printing, and the account menu. Screenshots go to docs/screenshots/."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.tests.helpers import STRONG_PASSWORD, make_account
from articles.models import Article

from .helpers import DESKTOP, JOURNEY_ARTICLE, PHONE, AxeReport, french

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
NBSP = "\u00a0"


def box(locator):
    return locator.bounding_box()


def open_article(new_page, site, language="fr", **context):
    page = new_page(locale=f"{language}-FR", **context)
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    page.goto(f"{site}{article.url_in(language)}")
    return page


def test_at_1280_px_the_contents_and_category_stay_beside_the_text(site, new_page):
    page = open_article(new_page, site, language="en", viewport=DESKTOP)
    side = page.locator(".article-side")
    body = page.locator(".article-body")
    expect(side.get_by_role("navigation", name="On this page")).to_be_visible()
    category = side.get_by_role("navigation", name="In Account and sign-in")
    expect(category.locator("a[aria-current=page]")).to_have_count(1)
    assert box(side)["x"] > box(body)["x"] + box(body)["width"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "article-side-column-desktop.png")
    # Scrolled at once (wait_for_function's polling is an eval our CSP
    # refuses).
    page.evaluate("window.scrollTo(0, 1200)")
    assert page.evaluate("scrollY") > 1000
    top = box(side)["y"]
    assert 0 <= top < 40, f"the side column scrolled away (top at {top}px)"


def test_the_french_article_on_a_phone_is_one_column_with_french_typography(
    site, new_page
):
    page = open_article(new_page, site, viewport=PHONE, is_mobile=True, has_touch=True)
    # Nothing sticks out (the French "Rechercher" button once did).
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    toc = page.get_by_role("navigation", name=french("On this page"))
    body = page.locator(".article-body")
    assert box(toc)["y"] < box(body)["y"]
    assert box(toc)["x"] == box(body)["x"]
    expect(page.locator(".in-category")).to_be_hidden()
    # The exact date is written out, not only in a tooltip.
    expect(page.locator(".updated .updated-date")).to_be_visible()
    expect(page.locator(".updated .updated-date")).to_have_text(
        re.compile(r"^· \d+ \w+ \d{4}$")
    )
    # Non-breaking spaces in the text, ordinary ones in code.
    text = body.inner_text()
    assert f"{NBSP}:" in text and f"«{NBSP}" in text and f"{NBSP}»" in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "article-fr-phone.png", full_page=True)


def test_on_a_phone_the_vote_buttons_keep_their_distance_from_the_next_heading(
    site, new_page
):
    page = open_article(new_page, site, viewport=PHONE, is_mobile=True, has_touch=True)
    buttons = box(page.locator(".feedback-buttons"))
    heading = box(page.locator("#related-title"))
    assert heading["y"] - (buttons["y"] + buttons["height"]) >= 32


def test_no_line_of_the_breadcrumb_starts_with_a_separator(site, new_page):
    page = open_article(new_page, site, viewport={"width": 320, "height": 700})
    firsts = page.evaluate(
        """() => {
            const items = [...document.querySelectorAll('.breadcrumbs li')];
            const top = (li) => li.getBoundingClientRect().top;
            return items.filter((li, i) => i > 0 && top(li) > top(items[i - 1]))
              .map(li => getComputedStyle(li, '::before').content);
        }"""
    )
    assert firsts, "the breadcrumb should wrap at 320 px for this test"
    assert set(firsts) == {"none"}


def test_the_french_search_placeholder_fits_in_the_header_at_1280_px(site, new_page):
    page = open_article(new_page, site, viewport=DESKTOP)
    needed, room = page.evaluate(
        """() => {
            const input = document.getElementById('header-search');
            const style = getComputedStyle(input);
            const context = document.createElement('canvas').getContext('2d');
            context.font = style.font;
            const padding =
                parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
            return [context.measureText(input.placeholder).width,
                    input.clientWidth - padding];
        }"""
    )
    assert needed <= room


def test_an_article_prints_as_the_article_with_link_addresses(site, new_page):
    page = open_article(new_page, site)
    page.emulate_media(media="print")
    expect(page.locator("#header-search")).to_be_hidden()
    expect(page.get_by_role("button", name=french("Yes"), exact=True)).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    after = page.evaluate(
        """() => getComputedStyle(
            document.querySelector('.article-body a[href^="/"]'), '::after').content"""
    )
    assert after.startswith('" (/fr/')


def test_the_account_menu_works_with_the_keyboard_and_is_axe_clean(site, new_page):
    make_account()
    axe = AxeReport()
    page = new_page(locale="fr-FR")
    page.goto(f"{site}/fr/accounts/login/")
    page.locator("input[name=login]").fill("marie.dupont")
    page.locator("input[name=password]").fill(STRONG_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    menu = page.locator("summary", has_text=french("Your account"))
    expect(menu).to_be_visible(timeout=30_000)  # after the sign-in's redirect
    sign_out = page.get_by_role("link", name=french("Sign out"))
    expect(sign_out).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    expect(sign_out).to_be_visible()
    expect(page.locator(".account-menu-panel strong")).to_have_text("marie.dupont")
    for name in ("Email addresses", "Password"):
        expect(page.get_by_role("link", name=french(name), exact=True)).to_be_visible()
    axe.check(page, "account menu open")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "account-menu.png")
    page.keyboard.press("Tab")
    expect(page.locator(".account-menu-panel a").first).to_be_focused()
    axe.assert_clean()
