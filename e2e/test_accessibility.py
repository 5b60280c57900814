"""axe-core (WCAG 2.1 A and AA rules) finds nothing on any kind of page, in
the light and the dark colour scheme."""

import pytest

from .helpers import AxeReport, french, make_english_only_article, page_paths

pytestmark = pytest.mark.e2e

SUBMIT = french("Email me my username")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(site, new_page, color_scheme):
    make_english_only_article()
    axe = AxeReport()
    page = new_page(locale="fr-FR", color_scheme=color_scheme)
    page.emulate_media(color_scheme=color_scheme)
    for name, path in page_paths().items():
        page.goto(f"{site}{path}")
        assert page.evaluate(
            f"matchMedia('(prefers-color-scheme: {color_scheme})').matches"
        )
        axe.check(page, name)
        if name == "username recovery":
            # The form again, with its error messages.
            page.get_by_role("button").filter(has_text=SUBMIT).click()
            page.locator(".field-errors").wait_for()
            axe.check(page, "username recovery, with errors")
    axe.assert_clean(f" ({color_scheme} scheme)")
