"""Contact-support requests, and the counts editors read beside helpfulness.

A request holds what the reader wrote and their address: it is deleted after
`SUPPORT_RETENTION_DAYS` (`manage.py prune_support_requests`). The counts
(`SupportDay`) hold nothing about anyone and are kept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from feedback.models import Feedback


class SupportRequest(models.Model):
    """One message to support, with the article and answer it came from."""

    SUBJECT_MAX_LENGTH = 150
    MESSAGE_MAX_LENGTH = 5000

    email = models.EmailField(_("email address"))
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    # A deleted article keeps its requests (they are support's), without it.
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
        verbose_name=_("article"),
    )
    article_language = models.CharField(
        _("language read"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    # The reason given after answering No, when the form came from there.
    reason = models.CharField(
        _("what went wrong"), max_length=20, choices=Feedback.Reason.choices, blank=True
    )
    language = models.CharField(
        _("reader's language"), max_length=10, choices=settings.LANGUAGES
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")

    def __str__(self):
        return f"#{self.pk} {self.subject}"


class SupportDay(models.Model):
    """Per article, language read and day: support forms opened from the
    article, requests sent from it, and requests avoided (a suggested
    article opened from the form, and no request sent after it)."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    day = models.DateField()
    opened = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    avoided = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "day"], name="unique_support_day"
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.language} {self.day}"


class SuggestionOpened(models.Model):
    """A suggested article a reader opened from the support form. Counted as
    a request avoided once `SUPPORT_DEFLECTION_MINUTES` have passed without
    a request sent from that form (support/deflection.py)."""

    # The form's random id: nothing about the reader.
    draft = models.CharField(max_length=32)
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    opened_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "article"], name="unique_suggestion_per_draft"
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.language} {self.opened_at}"
