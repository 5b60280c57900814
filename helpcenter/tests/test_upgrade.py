"""Upgrading keeps every row: a database made by the release before
feedback and search had apps of their own (their models were the articles
app's) migrates in place, on SQLite and PostgreSQL."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Article
from articles.tests.helpers import make_article
from feedback.models import Feedback
from search import engine
from search.backends import Text, backend_for
from search.models import SearchDocument, SearchQuery

# The last migration of the release before the split, for each app.
PREVIOUS_RELEASE = [
    ("articles", "0007_translated_editions_of_existing_articles"),
    ("feedback", None),
    ("search", None),
]


def migrate(targets):
    """Migrate to `targets`; the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    applied = [target for target in targets if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(applied).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def make_rows_of_the_previous_release(apps):
    """Rows written with the models as they were: all in the articles app."""
    Category = apps.get_model("articles", "Category")
    OldArticle = apps.get_model("articles", "Article")
    OldFeedback = apps.get_model("articles", "Feedback")
    OldSearchQuery = apps.get_model("articles", "SearchQuery")
    category = Category.objects.create(
        key="accounts", title_en="Accounts", slug_en="accounts"
    )
    article = OldArticle.objects.create(
        key="reset",
        category=category,
        status="published",
        title_en="Reset your password",
        slug_en="reset-your-password",
        body_en="Choose a new password.",
        search_text_en="Choose a new password.",
        content_updated_at_en=timezone.now(),
        translated_edition_en=1,
    )
    OldFeedback.objects.create(
        article=article,
        visitor="visitor-1",
        language="en",
        value="no",
        reason="unclear",
    )
    OldSearchQuery.objects.create(query="password", language="en", results=1)
    backend_for(connection).insert(
        article.pk,
        [Text("en", "Reset your password", "", "Choose a new password.")],
    )
    # Their permissions were the articles app's, and editors were given them.
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model in [
        ("feedback", "feedback"),
        ("search", "searchquery"),
        ("search", "searchdocument"),
    ]:
        ContentType.objects.filter(app_label=app_label, model=model).update(
            app_label="articles"
        )
    return article.pk


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_previous_release_migrates_with_every_row():
    article_id = make_rows_of_the_previous_release(migrate(PREVIOUS_RELEASE))
    editors = Group.objects.get(name="Editors")
    view_feedback = Permission.objects.get(
        content_type__app_label="articles", codename="view_feedback"
    )
    editors.permissions.add(view_feedback)

    migrate(latest())

    article = Article.objects.get(pk=article_id)
    answer = Feedback.objects.get(article=article)
    assert (answer.visitor, answer.value, answer.reason) == (
        "visitor-1",
        "no",
        "unclear",
    )
    assert list(SearchQuery.objects.values_list("query", flat=True)) == ["password"]
    assert SearchDocument.objects.filter(article=article, language="en").exists()
    assert [hit.article.pk for hit in engine.search("password", "en").hits] == [
        article_id
    ]
    # The permissions editors had follow the models to their apps.
    view_feedback.refresh_from_db()
    assert view_feedback.content_type.app_label == "feedback"
    assert editors.permissions.filter(pk=view_feedback.pk).exists()
    assert Permission.objects.filter(
        content_type__app_label="search", codename="view_searchquery"
    ).exists()


@pytest.mark.django_db(transaction=True)
def test_upgrading_empties_the_index_texts_on_postgresql_only():
    # Search's migration 0004: PostgreSQL's rows keep their vectors only;
    # SQLite's full-text index reads its texts from the rows, which stay.
    article = make_article(title_en="Reset your password")
    migrate([("search", "0003_synonyms")])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_searchdocument SET title = %s, body = %s "
            "WHERE article_id = %s",
            ["reset password", "choose new password", article.pk],
        )

    migrate(latest())

    document = SearchDocument.objects.get(article=article, language="en")
    if connection.vendor == "postgresql":
        assert (document.title, document.body) == ("", "")
    else:
        assert (document.title, document.body) == (
            "reset password",
            "choose new password",
        )
    assert [hit.article.pk for hit in engine.search("password", "en").hits] == [
        article.pk
    ]
