"""Screenshots for the docs (docs/screenshots/, overwritten each run) and the
phone layout: nothing may scroll sideways at 390 px."""

from pathlib import Path

import pytest

from articles.models import Article

from .helpers import DESKTOP, JOURNEY_ARTICLE, PHONE

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def overflowing_elements(page):
    """What sticks out past the right edge (for the failure message)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
            .slice(0, 10)
            .map(e => `${e.tagName.toLowerCase()}${e.className ?
                '.' + String(e.className).split(' ').join('.') : ''}`
                + ` right=${Math.round(e.getBoundingClientRect().right)}`)"""
    )


def assert_no_horizontal_scroll(page, name):
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, innerWidth]"
    )
    assert scroll_width <= inner_width, (
        f"{name} scrolls sideways at {inner_width}px: the page is "
        f"{scroll_width}px wide. Too wide: {overflowing_elements(page)}"
    )


@pytest.mark.parametrize(
    ("device", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)]
)
def test_screenshots_and_no_horizontal_scroll(site, new_page, device, viewport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    extra = {"is_mobile": True, "has_touch": True} if device == "phone" else {}
    page = new_page(locale="en-GB", viewport=viewport, **extra)
    article = Article.objects.get(key=JOURNEY_ARTICLE)

    page.goto(f"{site}/en/")
    assert_no_horizontal_scroll(page, "home")
    page.screenshot(path=SCREENSHOTS / f"home-{device}.png", animations="disabled")

    page.goto(f"{site}{article.url_in('en')}")
    assert_no_horizontal_scroll(page, "article")
    page.screenshot(
        path=SCREENSHOTS / f"article-{device}.png",
        full_page=True,
        animations="disabled",
    )
