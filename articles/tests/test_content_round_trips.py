"""Content keeps what it is whatever way it comes in: line breaks as the
browser or a file sends them, keys the files can name, dates in the site's
time zone; and export then import changes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.content_files import export_folder, import_folder
from articles.models import Article, Category

from .helpers import make_article, make_category
from .test_content_files import CATEGORIES, article_file, write
from .test_editorial import CHANGE, admin_data, editor  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

CRLF_BODY = "Intro.\r\n\r\n## Steps\r\n\r\n1. One\r\n2. Two"
LF_BODY = CRLF_BODY.replace("\r\n", "\n")


def state(article):
    article.refresh_from_db()
    return {
        field: getattr(article, field)
        for field in (
            "source_edition",
            "translated_edition_en",
            "translated_edition_fr",
            "content_updated_at_en",
            "content_updated_at_fr",
            "body_en",
            "body_fr",
        )
    }


@pytest.mark.parametrize(
    ("body_en", "body_fr"), [(CRLF_BODY, LF_BODY), (LF_BODY, CRLF_BODY)]
)
def test_export_then_import_changes_nothing_three_times_in_a_row(
    tmp_path, body_en, body_fr
):
    article = make_article(body_en=body_en, body_fr=body_fr)
    before = state(article)
    for _round in range(3):
        export_folder(tmp_path)
        report = import_folder(tmp_path)
        assert report.updated == []
        assert report.rejected == []
        assert state(article) == before


def test_text_is_stored_with_lf_line_breaks_whatever_the_way_in():
    category = make_category(description_en="One\r\nTwo")
    article = make_article(category, body_en=CRLF_BODY, summary_fr="A\rB")
    article.refresh_from_db()
    category.refresh_from_db()
    assert (article.body_en, article.summary_fr) == (LF_BODY, "A\nB")
    assert category.description_en == "One\nTwo"


def test_an_admin_save_of_unchanged_text_sent_with_crlf_changes_nothing(
    client,
    editor,  # noqa: F811
):
    article = make_article(body_en=LF_BODY, body_fr=LF_BODY)
    before = state(article)
    client.post(CHANGE.format(article.pk), admin_data(article, body_en=CRLF_BODY))
    assert state(article) == before


@pytest.mark.parametrize("key", ["Reset_Password", "_x", "-x", "a.b", "é"])
def test_keys_content_files_could_not_name_are_refused(key):
    with pytest.raises(ValidationError) as error:
        Article(key=key, category=make_category(), title_en="T").full_clean()
    assert "key" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        Category(key=key, title_en="T").full_clean()
    assert "key" in error.value.message_dict


def test_a_date_without_a_zone_is_midnight_in_the_sites_time_zone(tmp_path, settings):
    settings.TIME_ZONE = "Europe/Paris"
    write(tmp_path, "categories.yaml", CATEGORIES)
    write(
        tmp_path,
        "login.en.md",
        article_file("Log in", updated="2026-11-20", publish_at="2026-12-01 08:30:00"),
    )
    assert import_folder(tmp_path).rejected == []
    article = Article.objects.get(key="login")
    utc = datetime.UTC
    assert article.content_updated_at_en == datetime.datetime(
        2026, 11, 19, 23, tzinfo=utc
    )
    assert article.publish_at == datetime.datetime(2026, 12, 1, 7, 30, tzinfo=utc)


@pytest.mark.django_db(transaction=True)
def test_upgrading_makes_keys_valid_links_follow_and_line_breaks_lf():
    before = ("articles", "0008_feedback_and_search_move_to_their_apps")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    apps = MigrationExecutor(connection).loader.project_state([before]).apps
    OldCategory = apps.get_model("articles", "Category")
    OldArticle = apps.get_model("articles", "Article")
    category = OldCategory.objects.create(key="Account", title_en="Account")
    common = {"category": category, "status": "published", "source_edition": 3}
    OldArticle.objects.create(key="reset", title_en="Reset", **common)
    OldArticle.objects.create(key="Reset_Password", title_en="Reset", **common)
    linking = OldArticle.objects.create(
        key="linking",
        title_en="Linking",
        body_en="See [this](article:Reset_Password).\r\nAnd [that](article:reset).",
        **common,
    )
    MigrationExecutor(connection).migrate(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    )
    assert Category.objects.get().key == "account"
    assert sorted(Article.objects.values_list("key", flat=True)) == [
        "linking",
        "reset",
        "reset_password",
    ]
    linking = Article.objects.get(pk=linking.pk)
    assert linking.body_en == (
        "See [this](article:reset_password).\nAnd [that](article:reset)."
    )
    assert linking.source_edition == 3


@pytest.mark.parametrize("field", ["publish_at", "updated"])
def test_a_date_that_does_not_exist_rejects_its_file_not_the_import(tmp_path, field):
    write(tmp_path, "categories.yaml", CATEGORIES)
    write(tmp_path, "good.en.md", article_file("Good"))
    write(tmp_path, "bad.en.md", article_file("Bad", **{field: "2030-02-30"}))
    report = import_folder(tmp_path)
    assert list(Article.objects.values_list("key", flat=True)) == ["good"]
    [(label, reason)] = report.rejected
    assert (label, reason.split(" (")[0]) == ("article bad", "bad.en.md: invalid YAML")
