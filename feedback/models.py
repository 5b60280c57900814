import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import MD5, Concat
from django.utils.translation import gettext_lazy as _


class Feedback(models.Model):
    """One visitor's answer to "Did this answer your question?" for one article.

    `visitor` identifies who answered: `user:<pk>` for signed-in readers, the
    random id of the visitor cookie for others. The unique constraint keeps one
    row per visitor per article: answering again changes the row. `reason`
    and `comment` are written by a No's "what went wrong?" and kept when the
    answer later turns to Yes (see votes.record_vote)."""

    class Value(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")

    class Reason(models.TextChoices):
        NOT_ANSWERED = "not_answered", _("It didn't answer my question")
        UNCLEAR = "unclear", _("It's hard to understand")
        INACCURATE = "inaccurate", _("It's inaccurate or out of date")
        MISSING = "missing", _("Some information is missing")
        BROKEN = "broken", _("A link or image is broken")
        OTHER = "other", _("Something else")

    COMMENT_MAX_LENGTH = 1000
    SEARCH_QUERY_MAX_LENGTH = 200

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("article"),
    )
    visitor = models.CharField(_("visitor"), max_length=64, editable=False)
    # Deleting an account keeps its answers: see anonymise_feedback.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    language = models.CharField(
        _("language read"), max_length=10, choices=settings.LANGUAGES
    )
    value = models.CharField(_("answer"), max_length=3, choices=Value.choices)
    reason = models.CharField(
        _("what went wrong"), max_length=20, choices=Reason.choices, blank=True
    )
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    search_query = models.CharField(
        _("search query"), max_length=SEARCH_QUERY_MAX_LENGTH, blank=True
    )
    article_updated_at = models.DateTimeField(
        _("text last updated"),
        null=True,
        blank=True,
        help_text=_("The version of the text the visitor answered about."),
    )
    created_at = models.DateTimeField(_("first answered"), auto_now_add=True)
    voted_at = models.DateTimeField(_("answered"), auto_now=True, db_index=True)

    class Meta:
        # Made by the articles app before feedback had an app of its own.
        db_table = "articles_feedback"
        ordering = ["-voted_at", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "visitor"], name="unique_feedback_per_visitor"
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=["yes", "no"]),
                name="feedback_value_yes_or_no",
            ),
        ]
        indexes = [
            models.Index(
                fields=["article", "language", "value"],
                name="feedback_article_lang_value",
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.language} {self.value}"

    @property
    def has_details(self):
        return bool(self.reason or self.comment)


def anonymise_feedback(sender, instance, **kwargs):
    """A deleted account's answers stay in the statistics, but nothing in them
    points to the person any more: the user link is set to NULL by the
    foreign key, and the `user:<pk>` visitor id is replaced here by one of
    its own for each answer, so the answers cannot be linked to each other
    either (the ids stay unique, so the unique constraint keeps holding)."""
    # Each id hashes the answer's pk with a secret that is kept nowhere: the
    # ids differ, and nobody can tell which ones came from the same account.
    # (MD5 only mixes the two; Django's SHA256 needs pgcrypto on PostgreSQL.)
    secret = secrets.token_hex(16)
    Feedback.objects.filter(user=instance).update(
        visitor=Concat(
            models.Value("deleted:"),
            MD5(Concat(models.Value(secret), "pk", output_field=models.CharField())),
        )
    )


class DailyReads(models.Model):
    """How many times an article's page was served in one language on one day
    (counted in the cache, moved here in batches: feedback/reads.py)."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("article"),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES
    )
    day = models.DateField(_("day"))
    reads = models.PositiveIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("daily reads")
        verbose_name_plural = _("daily reads")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "day"], name="one_count_per_day"
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.language} {self.day}: {self.reads}"
