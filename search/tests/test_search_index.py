"""The search index follows every change to articles: create, edit,
translate, unpublish, delete, import."""

import time
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection
from django.utils import timezone

from articles.content_files import import_folder
from articles.models import Article
from articles.tests.helpers import make_article
from search import engine
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def found(query, language="en"):
    return [hit.article.key for hit in engine.search(query, language).hits]


def test_a_new_published_article_is_found_and_a_draft_is_not():
    published = make_article(title_en="Invoices")
    make_article(title_en="Invoices draft", status=Article.Status.DRAFT)
    assert found("invoices") == [published.key]


def test_a_scheduled_article_is_found_once_its_time_comes_and_not_before():
    make_article(title_en="Invoices today")
    make_article(
        title_en="Invoices tomorrow",
        publish_at=timezone.now() + timedelta(seconds=1),
    )
    results = engine.search("invoices", "en")
    assert (results.total, len(results.hits)) == (1, 1)
    assert engine.suggest("invoi", "en") == [
        {"title": "Invoices today", "url": results.hits[0].article.get_absolute_url()}
    ]
    time.sleep(1.2)  # nothing saves the article when its time comes
    assert engine.search("invoices", "en").total == 2
    assert len(engine.suggest("invoi", "en")) == 2


def test_an_edited_article_is_found_by_its_new_words_only():
    article = make_article(title_en="Invoices", body_en="Old text.")
    article.title_en = "Receipts"
    article.body_en = "New wording."
    article.save()
    assert found("invoices") == []
    assert found("old") == []
    assert found("receipts") == found("wording") == [article.key]


def test_a_translation_added_later_is_found_in_its_language():
    article = make_article(title_en="Invoices", title_fr="", body_fr="")
    assert found("factures", "fr") == []
    article.title_fr = "Factures"
    article.body_fr = "Vos factures."
    article.save()
    assert found("factures", "fr") == [article.key]
    assert found("invoices", "fr") == []


def test_removing_a_translation_removes_it_from_the_index():
    article = make_article(title_fr="Factures")
    article.title_fr = ""
    article.summary_fr = ""
    article.body_fr = ""
    article.save()
    assert found("factures", "fr") == []


def test_an_unpublished_article_disappears_and_comes_back_when_republished():
    article = make_article(title_en="Invoices")
    article.status = Article.Status.DRAFT
    article.save()
    assert found("invoices") == []
    article.status = Article.Status.PUBLISHED
    article.save()
    assert found("invoices") == [article.key]


def test_a_deleted_article_disappears():
    kept = make_article(title_en="Invoices")
    deleted = make_article(title_en="Invoices too")
    deleted.delete()
    assert found("invoices") == [kept.key]
    assert not SearchDocument.objects.filter(article_id=deleted.pk).exists()


def test_articles_deleted_in_bulk_disappear():
    make_article(title_en="Invoices")
    Article.objects.all().delete()
    assert found("invoices") == []
    assert not SearchDocument.objects.exists()


def test_saving_an_article_keeps_one_document_per_translated_language():
    article = make_article(title_fr="")
    article.save()
    article.save()
    languages = SearchDocument.objects.filter(article=article).values_list(
        "language", flat=True
    )
    assert sorted(languages) == ["en"]


def _write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_imported_articles_are_found_and_reimports_update_the_index(tmp_path):
    _write(tmp_path, "categories.yaml", "- key: billing\n  title: {en: Billing}\n")
    page = (
        "---\ntitle: {title}\ncategory: billing\nstatus: published\nposition: 1\n"
        "---\n{body}\n"
    )
    _write(tmp_path, "invoices.en.md", page.format(title="Invoices", body="Old."))
    import_folder(tmp_path)
    assert found("invoices") == ["invoices"]
    _write(tmp_path, "invoices.en.md", page.format(title="Receipts", body="New."))
    import_folder(tmp_path)
    assert found("invoices") == []
    assert found("receipts") == ["invoices"]


def test_snippets_come_from_the_rendered_text_not_the_markdown():
    make_article(body_en="## Steps\n\nOpen **Billing** > [Invoices](https://x.test).")
    [hit] = engine.search("invoices", "en").hits
    assert hit.snippet == "Steps Open Billing &gt; <mark>Invoices</mark>."


def test_an_index_write_that_fails_leaves_the_article_as_it_was():
    # The index follows the article inside its save's transaction: the two
    # are never out of step, even when writing the index fails.
    article = make_article(title_en="Reset your password")

    def refuse_index_writes(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and "searchdocument" in sql:
            raise DatabaseError("the index refuses the write")
        return execute(sql, params, many, context)

    article.title_en = "Change your email address"
    with (
        connection.execute_wrapper(refuse_index_writes),
        pytest.raises(DatabaseError),
    ):
        article.save()
    stored = Article.objects.get(pk=article.pk)
    assert stored.title_en == "Reset your password"
    assert found("password") == [article.key]
    assert found("email") == []


def test_the_index_keeps_only_what_each_database_reads_from_it():
    article = make_article(title_en="Reset your password", body_en="Open Settings.")
    document = SearchDocument.objects.get(article=article, language="en")
    texts = (document.title, document.summary, document.body)
    if connection.vendor == "postgresql":
        # The vectors only: narrow rows, fewer pages read per search.
        assert texts == ("", "", "")
    else:
        # SQLite's FTS5 index reads its texts (its terms) from the rows.
        assert document.title
        assert document.body
    assert found("settings password") == [article.key]
