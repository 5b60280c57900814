"""A French reader finds the sign-in troubleshooting article the way a person
would (clicking links by their names), then switches it to English."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article

from .helpers import JOURNEY_ARTICLE, french, french_updated_phrase

pytestmark = pytest.mark.e2e

ARTICLE_TITLE_FR = "Résolution des problèmes : impossible de se connecter"
CATEGORY_TITLE_FR = "Compte et connexion"


def watch_for_errors(page):
    """JavaScript errors and console errors (CSP reports land there too)."""
    errors = []
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            errors.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    return errors


def test_french_reader_finds_article_and_switches_to_english(site, new_page):
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    page = new_page(locale="fr-FR")
    errors = watch_for_errors(page)

    # `/` picks the language from Accept-Language (the context's locale).
    page.goto(f"{site}/")
    expect(page).to_have_url(f"{site}/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.get_by_role("link", name=CATEGORY_TITLE_FR, exact=True).click()
    expect(page).to_have_url(re.compile(r"/fr/categories/\d+-[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(CATEGORY_TITLE_FR)

    page.get_by_role("main").get_by_role(
        "link", name=ARTICLE_TITLE_FR, exact=True
    ).click()
    expect(page).to_have_url(f"{site}{article.url_in('fr')}")
    assert re.fullmatch(r"/fr/articles/\d+-[a-z0-9-]+/", article.url_in("fr"))

    # The French article.
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE_FR)
    expect(page).to_have_title(re.compile(rf"^{re.escape(ARTICLE_TITLE_FR)} · "))
    updated = page.locator(".updated time[datetime]")
    expect(updated).to_have_count(1)
    expect(updated).to_have_text(re.compile(r"^Mis à jour "))
    expect(updated).to_have_text(french_updated_phrase(article.content_updated_at_fr))
    expect(updated).to_have_attribute(
        "datetime", re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
    )

    toc = page.get_by_role("navigation", name=french("On this page"))
    expect(toc).to_be_visible()
    toc_links = toc.get_by_role("link")
    assert toc_links.count() >= 5
    expect(toc_links.first).to_have_text("Réinitialiser votre mot de passe")
    toc_links.first.click()
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert target, "the table of contents link has no #fragment"
    expect(page.locator(f"h2[id='{target}']")).to_have_text(
        "Réinitialiser votre mot de passe"
    )
    expect(page.locator(f"h2[id='{target}']")).to_be_in_viewport()

    reset = page.locator(".article-body").get_by_role(
        "link", name="réinitialiser votre mot de passe", exact=True
    )
    assert reset.evaluate("a => new URL(a.href).pathname") == (
        "/fr/accounts/password/reset/"
    )

    # The language switcher names each language in itself.
    switcher = page.get_by_role("navigation", name=french("Language"))
    expect(switcher.get_by_role("link", name="Français")).to_have_attribute(
        "aria-current", "true"
    )
    switcher.get_by_role("link", name="English", exact=True).click()

    english_url = f"/en/articles/{article.pk}-{article.slug_en}/"
    assert english_url == article.url_in("en")
    assert article.slug_en != article.slug_fr
    expect(page).to_have_url(f"{site}{english_url}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Troubleshooting: problems logging in"
    )
    expect(page.locator(".updated time[datetime]")).to_have_text(
        re.compile(r"^Updated")
    )
    canonical = page.locator("link[rel=canonical]")
    expect(canonical).to_have_attribute("href", f"{site}{english_url}")

    assert errors == []


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(site, new_page):
    page = new_page(locale="fr-FR")
    page.goto(f"{site}/fr/")

    skip_text = french("Skip to main content")
    assert skip_text != "Skip to main content", "not in the French catalogue"
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text(skip_text)
    expect(focused).to_have_attribute("href", "#main")
    # Hidden until focused, then on screen.
    expect(focused).to_be_in_viewport()
    box = focused.bounding_box()
    assert box and box["y"] >= 0, f"the focused skip link is off screen: {box}"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    expect(page).to_have_url(f"{site}/fr/#main")

    # The next Tab continues from the main content, not the header.
    page.keyboard.press("Tab")
    in_main = page.evaluate(
        "document.querySelector('main').contains(document.activeElement)"
    )
    assert in_main, "Tab after the skip link left the main content"
