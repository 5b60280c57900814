"""A help center carrying its owner's brand: name, logo, accent colours and
footer on the reader's pages, light and dark, axe clean; screenshots of it
for docs/screenshots/."""

from pathlib import Path

import pytest
from django.conf import settings

from articles.tests.image_helpers import media, picture_bytes

from .helpers import JOURNEY_ARTICLE, PHONE, AxeReport

__all__ = ["media"]

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


def _brand_the_site():
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from articles import images
    from branding.models import Brand

    logo = images.process_bytes(picture_bytes(96, 96, colour=(163, 51, 15)))
    brand = Brand(
        name_en="Acme Support",
        name_fr="Assistance Acme",
        accent="#a3330f",
        accent_dark="#ffb37a",
        support_email="care@acme.example",
        footer_text_en="Acme Ltd · 1 Market Street · Springfield",
        footer_text_fr="Acme SARL · 1 place du Marché · Villeneuve",
        logo_light=default_storage.save(
            "branding/logo.webp", ContentFile(logo.variants[0].data)
        ),
        logo_width=96,
        logo_height=96,
    )
    brand.full_clean()
    brand.save()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_readers_see_the_owners_brand_in_light_and_dark_mode(
    site, media, new_page, color_scheme
):
    from articles.models import Article

    _brand_the_site()
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    axe = AxeReport()
    for language, name, viewport, shot in (
        ("en", "Acme Support", None, f"branded-home-{color_scheme}.png"),
        ("fr", "Assistance Acme", PHONE, f"branded-article-phone-{color_scheme}.png"),
    ):
        options = {"viewport": viewport} if viewport else {}
        page = new_page(color_scheme=color_scheme, **options)
        path = "/en/" if language == "en" else article.url_in("fr")
        page.goto(f"{site}{path}")
        assert page.locator(".brand").inner_text().strip() == name
        assert page.title().endswith(name)
        assert page.locator(".brand-logo").evaluate("img => img.naturalWidth") == 96
        accent = page.evaluate(
            "getComputedStyle(document.documentElement).getPropertyValue('--accent')"
        )
        assert accent.strip() == ("#a3330f" if color_scheme == "light" else "#ffb37a")
        assert "care@acme.example" in page.locator("footer").inner_text()
        axe.check(page, f"{path} ({color_scheme})")
        page.screenshot(path=SCREENSHOTS / shot)
    axe.assert_clean()
