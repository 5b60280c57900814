"""Pages, data and strings shared by the end-to-end tests."""

import subprocess

from axe_playwright_python.sync_playwright import Axe
from django.utils import translation

# The article the journeys read, and the article made for the fallback page.
JOURNEY_ARTICLE = "login-troubleshooting"
ENGLISH_ONLY_ARTICLE = "e2e-english-only"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def make_english_only_article():
    """A published article with no French translation: French readers get the
    English text with a notice (the fallback page)."""
    from articles.models import Article, Category

    return Article.objects.create(
        key=ENGLISH_ONLY_ARTICLE,
        category=Category.objects.get(key="account"),
        status=Article.Status.PUBLISHED,
        position=99,
        title_en="Only in English",
        summary_en="An article that has not been translated yet.",
        body_en=(
            "This text exists in English only.\n\n"
            "## First steps\n\nDo this first.\n\n"
            "## Next steps\n\nThen [reset your password]"
            "(route:account_reset_password).\n"
        ),
    )


def page_paths():
    """One path per kind of page, French unless stated. Needs the demo and
    the English-only article in the database."""
    from articles.models import Article, Category

    article = Article.objects.get(key=JOURNEY_ARTICLE)
    english_only = Article.objects.get(key=ENGLISH_ONLY_ARTICLE)
    category = Category.objects.get(key="account")
    return {
        "home": "/fr/",
        "home (en)": "/en/",
        "category": category.url_in("fr"),
        "article (fr)": article.url_in("fr"),
        "article (en)": article.url_in("en"),
        "article in fallback": english_only.url_in("fr"),
        "search results": "/fr/search/?q=mot+de+passe",
        "search, no results": "/fr/search/?q=zzzzzz",
        "404": "/fr/articles/999999-nope/",
        "username recovery": "/fr/accounts/username/recover/",
        "username recovery sent": "/fr/accounts/username/recover/done/",
        "sign in": "/fr/accounts/login/",
        "sign up": "/fr/accounts/signup/",
        "check your email": "/fr/accounts/confirm-email/",
        "password reset": "/fr/accounts/password/reset/",
        "password reset sent": "/fr/accounts/password/reset/done/",
        "password reset, used link": "/fr/accounts/password/reset/key/1-x/",
    }


def french(message):
    """`message` as the French interface shows it (from the French catalogue,
    so rewording a translation does not break the journeys)."""
    with translation.override("fr"):
        return translation.gettext(message)


def french_updated_phrase(moment):
    """The "Updated …" line as French readers see it."""
    from articles.templatetags.help_center import updated_phrase

    with translation.override("fr"):
        return updated_phrase(moment)


WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA},
    "resultTypes": ["violations"],
}


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


class AxeReport:
    """axe-core's WCAG 2.1 A and AA violations, gathered over a journey."""

    def __init__(self):
        self.axe = Axe()
        self.problems = []

    def check(self, page, name, context=None):
        results = self.axe.run(page, context=context, options=AXE_OPTIONS)
        if results.violations_count:
            violations = describe(results.response["violations"])
            self.problems.append(f"{name} ({page.url}):\n{violations}")

    def check_without_javascript(self, page, new_page, site, name, context=None):
        """axe is a script: in a page with JavaScript off its promise never
        resolves (and Playwright's evaluate has no timeout), so it runs on a
        copy of the page's current DOM with the page's own scripts blocked."""
        copy = new_page()
        copy.route("**/*.js", lambda route: route.abort())
        copy.set_content(
            page.content().replace("<head>", f'<head><base href="{site}/">')
        )
        self.check(copy, name, context)
        copy.close()

    def __str__(self):
        return "\n\n".join(self.problems)

    def assert_clean(self, where=""):
        assert not self.problems, f"axe found violations{where}:\n{self}"


def assert_valid_html(vnu, pages, folder):
    """W3C's Nu checker finds no error in `pages` ({name: response}), written
    to `folder` (a folder of their own: the checker reads all it holds)."""
    folder.mkdir()
    for number, response in enumerate(pages.values()):
        (folder / f"{number}.html").write_bytes(response.content)
    result = subprocess.run(
        [*vnu, "--errors-only", "--stdout", str(folder)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, f"{list(pages)}\n{result.stdout}{result.stderr}"
