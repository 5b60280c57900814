"""An editor's day in the admin: translate, preview, save, see which
translations lag behind, go back to the previous version; and on a site
with review, a change to a live article that a publisher publishes."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .helpers import JOURNEY_ARTICLE, AxeReport

SCREENSHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"

pytestmark = pytest.mark.e2e

PASSWORD = "an editor's long passphrase"
NEW_FRENCH = "Texte révisé par l’équipe éditoriale."


def test_editor_translates_previews_saves_and_reverts(site, new_page):
    from articles.models import Article

    editor = get_user_model().objects.create_user(
        "editor", "editor@example.com", PASSWORD, is_staff=True
    )
    # A site without review gives its editors both groups.
    editor.groups.add(*Group.objects.filter(name__in=["Editors", "Publishers"]))
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
    page.get_by_role("tab", name="French").click()
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


def log_in(page, site, username):
    page.goto(f"{site}/admin/")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{site}/admin/")


def reader_text(new_page, url):
    reader = new_page()
    reader.goto(url)
    text = reader.locator(".article-body").inner_text()
    reader.context.close()
    return text


def test_a_change_to_a_live_article_is_reviewed_then_published(site, new_page):
    from articles.models import Article

    users = get_user_model().objects
    for name, group in (("edith", "Editors"), ("paul", "Publishers")):
        user = users.create_user(name, f"{name}@example.com", PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    article = Article.objects.get(key=JOURNEY_ARTICLE)
    reader_url = f"{site}{article.url_in('en')}"
    change_url = f"{site}/admin/articles/article/{article.pk}/change/"
    change = "A step the review added."

    # The editor saves a draft: readers keep the live text.
    editor = new_page()
    log_in(editor, site, "edith")
    editor.goto(change_url)
    editor.locator("#id_body_en").fill(article.body_en + f"\n\n{change}")
    editor.get_by_role("button", name="Save draft").click()
    editor.wait_for_url(change_url)
    assert change not in reader_text(new_page, reader_url)

    # The preview shows the draft; submitting leaves readers the live text.
    with editor.context.expect_page() as preview_opened:
        editor.get_by_role("button", name="Preview in English").click()
    preview = preview_opened.value
    preview.wait_for_load_state()
    assert change in preview.locator(".article-body").inner_text()
    preview.close()
    editor.get_by_role("button", name="Submit for review").click()
    editor.wait_for_url(change_url)
    assert "Submitted for review by edith" in editor.content()
    assert change not in reader_text(new_page, reader_url)

    # The publisher finds it on the admin home and publishes it.
    publisher = new_page()
    log_in(publisher, site, "paul")
    publisher.screenshot(
        path=SCREENSHOTS / "admin-home-desktop.png", animations="disabled"
    )
    publisher.get_by_role("link", name="1 article waiting for review").click()
    publisher.screenshot(
        path=SCREENSHOTS / "admin-articles-desktop.png", animations="disabled"
    )
    no_scroll = "document.documentElement.scrollWidth <= window.innerWidth"
    assert publisher.evaluate(no_scroll)
    publisher.goto(f"{site}/admin/feedback/feedback/")
    assert publisher.evaluate(no_scroll)
    publisher.go_back()
    publisher.get_by_role("link", name=article.title_en, exact=True).click()
    publisher.get_by_role("button", name="Publish", exact=True).click()
    publisher.wait_for_url(change_url)
    assert change in reader_text(new_page, reader_url)
