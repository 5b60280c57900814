"""A live article's edits wait in a working copy until they are published."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from articles import publishing
from articles.models import Article, WorkingCopy
from articles.roles import EDITORS, PUBLISHERS
from search.engine import search

from .helpers import make_article

pytestmark = pytest.mark.django_db


def member(django_user_model, name, group):
    user = django_user_model.objects.create_user(
        name, f"{name}@example.com", "x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(member(django_user_model, "edith", EDITORS))
    return client


@pytest.fixture
def publisher(client, django_user_model):
    client.force_login(member(django_user_model, "paul", PUBLISHERS))
    return client


def form_data(article, **changes):
    data = {
        "key": article.key,
        "category": article.category_id,
        "status": article.status,
        "position": article.position,
    }
    for name in ("title", "slug", "summary", "body"):
        for code in ("en", "fr"):
            data[f"{name}_{code}"] = getattr(article, f"{name}_{code}") or ""
    data.update(changes)
    return data


def change_url(article, suffix=""):
    return f"/admin/articles/article/{article.pk}/change/{suffix}"


def test_saving_a_draft_of_a_live_article_leaves_readers_the_published_text(
    editor, client
):
    article = make_article(body_en="Live words.")
    answer = editor.post(
        change_url(article), form_data(article, body_en="Draft words.", _save_draft="1")
    )
    assert answer.status_code == 302
    article.refresh_from_db()
    assert "Live words." in article.body_html_en
    assert WorkingCopy.objects.get(article=article).values["body_en"] == "Draft words."
    client.logout()
    page = client.get(article.url_in("en")).content.decode()
    assert "Live words." in page and "Draft words." not in page
    assert [hit.title for hit in search("Draft", "en").hits] == []


def test_the_form_of_an_article_with_a_working_copy_shows_the_copy(editor):
    article = make_article(body_en="Live words.")
    editor.post(
        change_url(article), form_data(article, body_en="Draft words.", _save_draft="1")
    )
    html = editor.get(change_url(article)).content.decode()
    assert "Draft words." in html
    assert "Live words." not in html


def test_an_editor_saving_a_live_article_keeps_a_copy_instead(editor):
    article = make_article(body_en="Live words.")
    editor.post(
        change_url(article), form_data(article, body_en="Changed.", _continue="1")
    )
    article.refresh_from_db()
    assert article.body_en == "Live words."
    assert WorkingCopy.objects.filter(article=article).exists()


def test_publishing_makes_the_copy_live_and_records_a_version_by_its_publisher(
    publisher, client
):
    article = make_article(body_en="Live words.")
    publisher.post(
        change_url(article), form_data(article, body_en="Draft words.", _save_draft="1")
    )
    answer = publisher.post(
        change_url(article), form_data(article, body_en="Draft words.", _publish="1")
    )
    assert answer.status_code == 302
    article.refresh_from_db()
    assert "Draft words." in article.body_html_en
    assert not WorkingCopy.objects.filter(article=article).exists()
    revision = Version.objects.get_for_object(article).first().revision
    assert revision.user.username == "paul"
    client.logout()
    assert "Draft words." in client.get(article.url_in("en")).content.decode()
    assert [hit.title for hit in search("Draft", "en").hits] == [article.title_en]


def test_discarding_the_draft_keeps_the_live_text(publisher):
    article = make_article(body_en="Live words.")
    publisher.post(
        change_url(article), form_data(article, body_en="Draft words.", _save_draft="1")
    )
    answer = publisher.post(change_url(article), {"_discard_draft": "1"})
    assert answer.status_code == 302
    assert not WorkingCopy.objects.filter(article=article).exists()
    article.refresh_from_db()
    assert article.body_en == "Live words."


def test_an_editor_may_not_discard_a_draft(editor):
    article = make_article()
    editor.post(
        change_url(article), form_data(article, body_en="Draft.", _save_draft="1")
    )
    assert editor.post(change_url(article), {"_discard_draft": "1"}).status_code == 403
    assert WorkingCopy.objects.filter(article=article).exists()


def test_preview_of_an_article_with_a_copy_shows_the_copy_in_each_language(editor):
    article = make_article(body_fr="Texte publié.")
    editor.post(
        change_url(article),
        form_data(article, body_fr="Texte du brouillon.", _save_draft="1"),
    )
    form = editor.get(change_url(article)).context["adminform"].form
    data = {
        name: form[name].value() or ""
        for name in ("category", "title_fr", "body_fr", "title_en", "body_en")
    }
    preview = editor.post(change_url(article, "preview/fr/"), data).content.decode()
    assert "Texte du brouillon." in preview


def test_translation_freshness_follows_the_published_text(publisher):
    article = make_article()
    publisher.post(
        change_url(article),
        form_data(
            article, body_en=article.body_en + "\n\nA new step.", _save_draft="1"
        ),
    )
    article.refresh_from_db()
    assert article.freshness("fr") == Article.Freshness.UP_TO_DATE
    publisher.post(
        change_url(article),
        form_data(article, body_en=article.body_en + "\n\nA new step.", _publish="1"),
    )
    article.refresh_from_db()
    assert article.freshness("fr") == Article.Freshness.OUTDATED


def test_publishing_with_a_time_to_come_schedules_the_copy(publisher):
    article = make_article(body_en="Live words.")
    later = timezone.now() + datetime.timedelta(hours=2)
    publisher.post(
        change_url(article),
        form_data(
            article,
            body_en="Later words.",
            publish_at_0=timezone.localtime(later).strftime("%Y-%m-%d"),
            publish_at_1=timezone.localtime(later).strftime("%H:%M:%S"),
            _publish="1",
        ),
    )
    copy = WorkingCopy.objects.get(article=article)
    assert copy.publish_at is not None
    article.refresh_from_db()
    assert article.body_en == "Live words."
    assert article.is_published()
    assert publishing.publish_due(timezone.now()) == 0
    assert publishing.publish_due(later + datetime.timedelta(seconds=1)) == 1
    article.refresh_from_db()
    assert "Later words." in article.body_html_en
    assert not WorkingCopy.objects.exists()


def test_a_request_after_the_scheduled_time_publishes_the_copy(
    client, django_user_model
):
    article = make_article(body_en="Live words.")
    article.body_en = "Due words."
    publishing.save_copy(
        article,
        member(django_user_model, "edith", EDITORS),
        publish_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    page = client.get(Article.objects.get(pk=article.pk).url_in("en")).content.decode()
    assert "Due words." in page
    revision = Version.objects.get_for_object(article).first().revision
    assert revision.user.username == "edith"


def test_a_status_only_change_by_a_publisher_takes_the_article_off_the_site(publisher):
    article = make_article()
    publisher.post(
        change_url(article), form_data(article, status="archived", _save="1")
    )
    article.refresh_from_db()
    assert article.status == Article.Status.ARCHIVED
    assert not WorkingCopy.objects.exists()


def test_import_into_a_live_article_with_draft_keeps_a_copy(tmp_path):
    article = make_article(body_en="Live words.")
    call_command("export_articles", str(tmp_path))
    path = tmp_path / f"{article.key}.en.md"
    path.write_text(path.read_text().replace("Live words.", "Imported words."))
    call_command("import_articles", str(tmp_path), "--draft")
    article.refresh_from_db()
    assert article.body_en == "Live words."
    assert (
        WorkingCopy.objects.get(article=article).values["body_en"] == "Imported words."
    )
    call_command("import_articles", str(tmp_path))
    article.refresh_from_db()
    assert article.body_en == "Imported words."


def test_archiving_an_article_with_a_copy_leaves_no_copy_behind(publisher):
    article = make_article()
    publisher.post(
        change_url(article), form_data(article, body_en="Draft.", _save_draft="1")
    )
    publisher.post(
        change_url(article),
        form_data(article, body_en="Draft.", status="archived", _save="1"),
    )
    article.refresh_from_db()
    assert article.status == Article.Status.ARCHIVED
    assert not WorkingCopy.objects.exists()
