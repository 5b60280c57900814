"""axe-core (WCAG 2.1 A and AA rules) finds nothing on any kind of page, in
the light and the dark colour scheme."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import french, make_english_only_article, page_paths

pytestmark = pytest.mark.e2e

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA},
    "resultTypes": ["violations"],
}
SUBMIT = french("Email me my username")


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n       ")
                lines.append(f"       {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_no_axe_violations_on_any_page(site, new_page, color_scheme):
    make_english_only_article()
    axe = Axe()
    page = new_page(locale="fr-FR", color_scheme=color_scheme)
    page.emulate_media(color_scheme=color_scheme)
    report = []

    def check(name, path):
        results = axe.run(page, options=AXE_OPTIONS)
        if results.violations_count:
            violations = describe(results.response["violations"])
            report.append(f"{name} ({path}):\n{violations}")

    for name, path in page_paths().items():
        page.goto(f"{site}{path}")
        assert page.evaluate(
            f"matchMedia('(prefers-color-scheme: {color_scheme})').matches"
        )
        check(name, path)
        if name == "username recovery":
            # The form again, with its error messages.
            page.get_by_role("button").filter(has_text=SUBMIT).click()
            page.locator(".field-errors").wait_for()
            check("username recovery, with errors", path)
    assert not report, (
        f"axe found WCAG 2.1 AA violations ({color_scheme} scheme):\n"
        + "\n\n".join(report)
    )
