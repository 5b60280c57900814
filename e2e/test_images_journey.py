"""Screenshots in articles: the demo's own screenshots of this site, taken
here so they stay current, and an editor placing one per language that
each reader then gets in theirs."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.tests.image_helpers import media

from .helpers import JOURNEY_ARTICLE, AxeReport

__all__ = ["media"]

pytestmark = pytest.mark.e2e

CONTENT_IMAGES = Path(settings.BASE_DIR) / "content" / "images"
PASSWORD = "an editor's long passphrase"


def _screenshot_of_the_reset_form(page, site, language):
    page.goto(f"{site}/{language}/accounts/password/reset/")
    # The form and its text, not the empty width around them.
    return page.locator("main .narrow").screenshot()


def test_the_demo_shows_a_current_screenshot_of_the_reset_form(
    live_server, transactional_db, media, new_page
):
    # Twice the pixels: sharp on high-density screens (srcset picks).
    page = new_page(device_scale_factor=2)
    for language in ("en", "fr"):
        shot = _screenshot_of_the_reset_form(page, live_server.url, language)
        # Whole or not at all: other tests may be reading the demo's images.
        target = CONTENT_IMAGES / f"reset-form.{language}.png"
        written = target.with_suffix(".new")
        written.write_bytes(shot)
        written.replace(target)
    from articles.models import Article

    call_command("load_demo", stdout=io.StringIO())
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    page.goto(f"{live_server.url}{article.url_in('fr')}")
    image = page.locator(".article-body img").first
    assert "/fr-" in image.get_attribute("src")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")


def test_an_editor_places_a_screenshot_per_language_and_readers_get_theirs(
    site, media, new_page
):
    from articles.models import Article

    get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    page = new_page()
    page.goto(f"{site}/admin/")
    page.locator("input[name=login]").fill("chief")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{site}/admin/")

    # Upload: a screenshot of the English form and one of the French form.
    shots = {
        language: _screenshot_of_the_reset_form(new_page(), site, language)
        for language in ("en", "fr")
    }
    page.goto(f"{site}/admin/articles/image/add/")
    page.locator("#id_key").fill("e2e-reset")
    page.locator("#id_alt_en").fill("The form to reset a password")
    page.locator("a[href='#tab_id_alt_fr']").click()
    page.locator("#id_alt_fr").fill("Le formulaire pour réinitialiser le mot de passe")
    for language, shot in shots.items():
        page.locator(f"#id_upload_{language}").set_input_files(
            {"name": f"reset-{language}.png", "mimeType": "image/png", "buffer": shot}
        )
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{site}/admin/articles/image/")

    # Place it in both languages' text and publish.
    page.goto(f"{site}/admin/articles/article/{article.pk}/change/")
    page.locator("#id_body_en").fill(f"{article.body_en}\n\n![](image:e2e-reset)")
    page.get_by_role("tab", name="French").click()  # one tab per language
    page.locator("#id_body_fr").fill(f"{article.body_fr}\n\n![](image:e2e-reset)")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{site}/admin/articles/article/")

    axe = AxeReport()
    for language, locale, alt in (
        ("en", "en-GB", "The form to reset a password"),
        ("fr", "fr-FR", "Le formulaire pour réinitialiser le mot de passe"),
    ):
        reader = new_page(locale=locale)
        reader.goto(f"{site}{article.url_in(language)}")
        image = reader.locator("img[src*='/e2e-reset/']")
        assert image.get_attribute("alt") == alt
        assert f"/{language}-" in image.get_attribute("src")
        assert image.get_attribute("loading") == "lazy"
        image.scroll_into_view_if_needed()
        image.wait_for(state="visible")
        reader.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        axe.check(reader, f"article with an image ({language})")
    axe.assert_clean()
