"""The editors' admin works under our Content Security Policy (no inline
script or style allowed): nothing is refused while editing an article."""

import pytest
from django.contrib.auth import get_user_model

from .helpers import JOURNEY_ARTICLE

pytestmark = pytest.mark.e2e

PASSWORD = "an editor's long passphrase"


def test_article_admin_loads_without_csp_violations(site, new_page):
    from articles.models import Article

    get_user_model().objects.create_superuser("editor", "ed@example.com", PASSWORD)
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    page = new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(f"{site}/admin/")
    page.locator("input[name=login]").fill("editor")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{site}/admin/")
    for path in (
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/category/add/",
    ):
        response = page.goto(f"{site}{path}")
        assert response.status == 200, path
        assert response.headers["content-security-policy"]
    assert refused == []
