from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from . import backends, vocabulary
from .backends.analysis import expressions


class SearchDocumentManager(models.Manager):
    def article_saved(self, sender, instance, raw=False, **kwargs):
        """post_save receiver of Article. Not for fixtures being loaded
        (`raw`): they bring their own documents, or none, and are indexed
        by `render_articles`."""
        if not raw:
            self.sync(instance)

    def article_deleted(self, sender, instance, **kwargs):
        """pre_delete receiver of Article: its documents go with it (foreign
        key), their words leave the vocabulary's counts first."""
        documents = self.filter(article=instance)
        SearchTerm.objects.forget(documents.values_list("language", "words"))

    def sync(self, article):
        """Index what readers can find of `article`: one document per language
        it is translated into while it is published (or scheduled), none
        otherwise.

        Called after every save of an article (post_save, connected in
        SearchConfig.ready()), inside Article.save()'s transaction: the index
        changes with the article or not at all. Deleting an article deletes
        its documents (foreign key). Like the HTML, QuerySet.update()
        bypasses it: save articles one by one."""
        old = self.filter(article=article)
        SearchTerm.objects.forget(old.values_list("language", "words"))
        old.delete()
        # Scheduled articles are indexed already: nothing saves them when
        # their time comes. Searches leave them out until then.
        if article.status != Article.Status.PUBLISHED:
            return
        texts = [
            backends.Text(
                language=code,
                title=getattr(article, f"title_{code}"),
                summary=getattr(article, f"summary_{code}") or "",
                body=getattr(article, f"search_text_{code}") or "",
            )
            for code in article.translated_languages()
        ]
        backend = backends.backend_for(connections[self.db])
        backend.insert(article.pk, texts)
        words = {text.language: vocabulary.words_of(text) for text in texts}
        for language, found in words.items():
            self.filter(article=article, language=language).update(
                words=" ".join(sorted(found))
            )
        SearchTerm.objects.learn(words)


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
    # Its distinct words (vocabulary.words_of), counted in SearchTerm: what
    # to count down when the document goes. Nullable without a default so
    # that SQLite adds the column in place, keeping the index's triggers.
    words = models.TextField(null=True, blank=True)  # noqa: DJ001

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
    # What was searched instead, typos corrected (vocabulary.py); "" if none.
    corrected = models.CharField(
        _("corrected to"), max_length=QUERY_MAX_LENGTH, blank=True, default=""
    )

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


class SearchTermManager(models.Manager):
    def learn(self, words_by_language):
        """Count one more document for each of these words, per language."""
        for language, words in words_by_language.items():
            known = set(
                self.filter(language=language, word__in=words).values_list(
                    "word", flat=True
                )
            )
            self.filter(language=language, word__in=known).update(
                documents=models.F("documents") + 1
            )
            # Another save may add the same new word meanwhile: then that
            # one counts once, which only weighs the word a little less.
            self.bulk_create(
                [
                    SearchTerm(
                        language=language,
                        word=word,
                        stem=vocabulary.stem(word, language),
                        length=len(word),
                        documents=1,
                    )
                    for word in sorted(words - known)
                ],
                ignore_conflicts=True,
            )

    def forget(self, documents):
        """Count one document less for the words of these (language, words)
        documents; words no document has any more go."""
        for language, words in documents:
            if not words:
                continue
            gone = self.filter(language=language, word__in=words.split())
            gone.update(documents=models.F("documents") - 1)
            gone.filter(documents__lte=0).delete()


class SearchTerm(models.Model):
    """A word of the indexed articles in one language, as typos are
    corrected against (vocabulary.py): lower case, without accents."""

    language = models.CharField(max_length=10)
    word = models.CharField(max_length=100)
    stem = models.CharField(max_length=100)  # analysis.term() of the word
    length = models.PositiveSmallIntegerField()
    documents = models.PositiveIntegerField()  # how many have it

    objects = SearchTermManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "word"], name="unique_search_term"
            )
        ]
        indexes = [
            models.Index(fields=["language", "stem"], name="searchterm_stem"),
            models.Index(fields=["language", "length"], name="searchterm_length"),
        ]

    def __str__(self):
        return self.word


class Synonym(models.Model):
    """Words and phrases that mean the same to readers of one language, as
    editors write them (synonyms.py applies them to queries)."""

    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES
    )
    terms = models.CharField(
        _("words and phrases"),
        max_length=500,
        help_text=_(
            "Separated by commas, e.g. “2fa, two-step verification”. A search "
            "for any of them also finds the others."
        ),
    )

    class Meta:
        ordering = ["language", "terms"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")

    def __str__(self):
        return self.terms

    def clean(self):
        if len(expressions(self.terms)) < 2:
            raise ValidationError(
                {
                    "terms": _(
                        "Write at least two words or phrases, separated by commas."
                    )
                }
            )
