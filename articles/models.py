from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from . import rendering

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def _per_language_unique_slugs(model_name):
    # modeltranslation adds slug_<lang> columns; uniqueness must hold per
    # language, and empty slugs are stored as NULL so they never collide.
    return [
        models.UniqueConstraint(
            fields=[f"slug_{code}"], name=f"unique_{model_name}_slug_{code}"
        )
        for code in LANGUAGE_CODES
    ]


def _unique_slug(instance, language, title):
    """A slug for `title`, made unique among instances of the same model."""
    base = slugify(title)[:180] or instance.key
    candidate, counter = base, 2
    others = type(instance).objects.exclude(pk=instance.pk)
    while others.filter(**{f"slug_{language}": candidate}).exists():
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


class TranslatedSlugMixin:
    def has_translation(self, language):
        return bool(getattr(self, f"title_{language}", ""))

    def translated_languages(self):
        return [code for code in LANGUAGE_CODES if self.has_translation(code)]

    def fill_missing_slugs(self):
        for code in LANGUAGE_CODES:
            title = getattr(self, f"title_{code}", "")
            if title and not getattr(self, f"slug_{code}", None):
                setattr(self, f"slug_{code}", _unique_slug(self, code, title))

    def url_in(self, language):
        """The canonical URL of this page for readers of `language`."""
        with translation.override(language):
            return self.get_absolute_url()

    def alternate_urls(self):
        return {code: self.url_in(code) for code in LANGUAGE_CODES}


class Category(TranslatedSlugMixin, models.Model):
    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("Stable identifier shared by all languages."),
    )
    title = models.CharField(_("title"), max_length=200)
    # NULL, not "", for "no slug in this language": see the unique constraints.
    slug = models.SlugField(_("slug"), max_length=200, null=True, blank=True)  # noqa: DJ001
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = _per_language_unique_slugs("category")

    def __str__(self):
        return self.title or self.key

    def save(self, *args, **kwargs):
        self.fill_missing_slugs()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "articles:category", kwargs={"pk": self.pk, "slug": self.slug or self.key}
        )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED)

    def visible_to(self, user):
        """Readers see published articles; staff also see drafts (preview)."""
        if user.is_active and user.is_staff:
            return self
        return self.published()


class Article(TranslatedSlugMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    # Fields whose change in a language means that language's text was updated.
    CONTENT_FIELDS = ("title", "summary", "body")

    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        help_text=_("Stable identifier shared by all translations."),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("category"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200, blank=True)
    # NULL, not "", for "no slug in this language": see the unique constraints.
    slug = models.SlugField(_("slug"), max_length=200, null=True, blank=True)  # noqa: DJ001
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    toc_html = models.TextField(editable=False, blank=True)
    content_updated_at = models.DateTimeField(
        _("text last updated"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["category__position", "position", "id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = _per_language_unique_slugs("article")

    def __str__(self):
        return self.title or self.key

    def save(self, *args, **kwargs):
        self.fill_missing_slugs()
        self._stamp_updated_languages()
        self._render()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "articles:article", kwargs={"pk": self.pk, "slug": self.slug or self.key}
        )

    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def clean(self):
        errors = {}
        if self.is_published() and not getattr(self, f"title_{DEFAULT_LANGUAGE}"):
            errors[f"title_{DEFAULT_LANGUAGE}"] = _(
                "A published article needs a title in the default language."
            )
        for code, problems in self.render_problems().items():
            errors[f"body_{code}"] = problems
        if errors:
            raise ValidationError(errors)

    def render_problems(self):
        """Per language, what stops the body from rendering (broken links)."""
        problems = {}
        for code in LANGUAGE_CODES:
            try:
                rendering.render(getattr(self, f"body_{code}"), code)
            except rendering.RenderError as error:
                problems[code] = error.problems
        return problems

    def _render(self):
        # Every language gets HTML: a missing translation shows the default
        # language's text, but its links still lead to the reader's language.
        for code in LANGUAGE_CODES:
            source = getattr(self, f"body_{code}") or getattr(
                self, f"body_{DEFAULT_LANGUAGE}"
            )
            rendered = rendering.render(source, code)
            setattr(self, f"body_html_{code}", rendered.html)
            setattr(self, f"toc_html_{code}", rendered.toc_html)

    def _stamp_updated_languages(self):
        names = [
            f"{name}_{code}"
            for name in (*self.CONTENT_FIELDS, "content_updated_at")
            for code in LANGUAGE_CODES
        ]
        previous = (
            type(self).objects.filter(pk=self.pk).values(*names).first()
            if self.pk
            else None
        )
        now = timezone.now()
        for code in self.translated_languages():
            stamp = f"content_updated_at_{code}"
            if previous is None:
                if getattr(self, stamp) is None:
                    setattr(self, stamp, now)
            elif previous[stamp] != getattr(self, stamp):
                continue  # set on purpose, e.g. by an import carrying its date
            elif any(
                previous[f"{name}_{code}"] != getattr(self, f"{name}_{code}")
                for name in self.CONTENT_FIELDS
            ):
                setattr(self, stamp, now)

    def updated_at(self, language):
        """When the text readers of `language` see was last changed."""
        if self.has_translation(language):
            return getattr(self, f"content_updated_at_{language}")
        return getattr(self, f"content_updated_at_{DEFAULT_LANGUAGE}")
