from django.db import connections, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from . import backends


class SearchDocumentManager(models.Manager):
    def article_saved(self, sender, instance, raw=False, **kwargs):
        """post_save receiver of Article. Not for fixtures being loaded
        (`raw`): they bring their own documents, or none, and are indexed
        by `render_articles`."""
        if not raw:
            self.sync(instance)

    def sync(self, article):
        """Index what readers can find of `article`: one document per language
        it is translated into while it is published (or scheduled), none
        otherwise.

        Called after every save of an article (post_save, connected in
        SearchConfig.ready()), inside Article.save()'s transaction: the index
        changes with the article or not at all. Deleting an article deletes
        its documents (foreign key). Like the HTML, QuerySet.update()
        bypasses it: save articles one by one."""
        self.filter(article=article).delete()
        # Scheduled articles are indexed already: nothing saves them when
        # their time comes. Searches leave them out until then.
        if article.status != Article.Status.PUBLISHED:
            return
        backend = backends.backend_for(connections[self.db])
        backend.insert(
            article.pk,
            [
                backends.Text(
                    language=code,
                    title=getattr(article, f"title_{code}"),
                    summary=getattr(article, f"summary_{code}") or "",
                    body=getattr(article, f"search_text_{code}") or "",
                )
                for code in article.translated_languages()
            ],
        )


class SearchDocument(models.Model):
    """What the full-text index holds for one article in one language: its
    words as the database's backend wants them (see backends/).

    The index itself is vendor-specific and unknown to Django: on SQLite an
    FTS5 table kept in sync by triggers on this table, on PostgreSQL a
    `vector` column with a GIN index (articles' migration 0002_search, from
    before search had an app of its own). On SQLite, Django rebuilds a
    table it alters and drops its triggers: a migration that alters this
    model must create them again (see that migration)."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="search_documents"
    )
    language = models.CharField(max_length=10)
    title = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)

    objects = SearchDocumentManager()

    class Meta:
        # The tables were made by the articles app before search had an app
        # of its own; the index's triggers and SQL name them.
        db_table = "articles_searchdocument"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="unique_search_document"
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.language}"


class SearchQuery(models.Model):
    """One search made by a reader: what was asked, in which language, and
    how many articles it found. Nothing about who asked (no address, no
    account, no cookie)."""

    QUERY_MAX_LENGTH = 200

    query = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=10)
    results = models.PositiveIntegerField(_("results"))
    searched_at = models.DateTimeField(_("searched at"), default=timezone.now)

    class Meta:
        db_table = "articles_searchquery"
        ordering = ["-searched_at", "-id"]
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        indexes = [
            models.Index(
                fields=["searched_at", "language"], name="searchquery_when_language"
            )
        ]

    def __str__(self):
        return self.query
