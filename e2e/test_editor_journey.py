"""An editor's day in the admin: translate, preview, save, see which
translations lag behind, go back to the previous version."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .helpers import JOURNEY_ARTICLE, AxeReport

pytestmark = pytest.mark.e2e

PASSWORD = "an editor's long passphrase"
NEW_FRENCH = "Texte révisé par l’équipe éditoriale."


def test_editor_translates_previews_saves_and_reverts(site, new_page):
    from articles.models import Article

    editor = get_user_model().objects.create_user(
        "editor", "editor@example.com", PASSWORD, is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Editors"))
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    original_french = article.body_fr
    change_url = f"{site}/admin/articles/article/{article.pk}/change/"
    page = new_page()
    axe = AxeReport()

    page.goto(f"{site}/admin/")
    page.locator("input[name=login]").fill("editor")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{site}/admin/")

    # Translate: the French tab of the body, then a preview in a new tab.
    page.goto(change_url)
    page.locator("a[href='#tab_id_body_fr']").click()
    page.locator("#id_body_fr").fill(f"## Nouveau\n\n{NEW_FRENCH}")
    with page.context.expect_page() as preview_opened:
        page.get_by_role("button", name="Preview in French").click()
    preview = preview_opened.value
    preview.wait_for_load_state()
    assert preview.locator("html").get_attribute("lang") == "fr"
    assert preview.get_by_role("heading", name="Nouveau").is_visible()
    assert NEW_FRENCH in preview.locator(".article-body").inner_text()
    preview.close()
    article.refresh_from_db()
    assert NEW_FRENCH not in article.body_fr  # a preview saves nothing

    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(change_url)
    assert "English: up to date · French: up to date" in page.content()
    axe.check(page, "article change form")

    # A significant English edit: French falls behind.
    page.locator("#id_body_en").fill(article.body_en + "\n\nOne more step.")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(change_url)
    assert "English: up to date · French: out of date" in page.content()

    # Back to the previous version (before the English edit), from history.
    page.get_by_role("link", name="History").first.click()
    page.get_by_role("link", name="Compare the last two versions").click()
    assert page.locator("ins", has_text="One more step.").count() == 1
    page.get_by_role("link", name="Revert to the older version").click()
    page.get_by_role("button", name=re.compile("^Save$")).click()
    page.wait_for_url(re.compile(r"/admin/articles/article/$"))

    page.goto(f"{site}{article.url_in('fr')}")
    body = page.locator(".article-body").inner_text()
    assert NEW_FRENCH in body
    assert original_french.splitlines()[0] not in body
    page.goto(f"{site}{article.url_in('en')}")
    assert "One more step." not in page.locator(".article-body").inner_text()
    # Django's admin is not ours: its axe findings are informative only.
    print(axe)
