import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from . import links, rendering

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def x_default_url(default_url):
    """The hreflang x-default of a page: its URL in the default language
    without the language prefix, so LocaleMiddleware picks the reader's."""
    prefix = f"/{DEFAULT_LANGUAGE}/"
    if default_url.startswith(prefix):
        return default_url[len(prefix) - 1 :]
    return default_url


# Keys name content files (`<key>.<language>.md`) and `article:` links: one
# rule for both, what the files accept.
KEY_PATTERN = r"[a-z0-9][a-z0-9_-]*"
key_validator = RegexValidator(
    rf"\A{KEY_PATTERN}\Z",
    _(
        "Use lower-case letters, digits, hyphens and underscores, starting "
        "with a letter or a digit."
    ),
)


def one_newline_form(text):
    """`text` with every line break as LF: browsers send CRLF, files and the
    shell LF, and the stored text must not change with the way in."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if text else text


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

    def normalise_newlines(self):
        for name in self.TEXT_FIELDS:
            for code in LANGUAGE_CODES:
                field = f"{name}_{code}"
                setattr(self, field, one_newline_form(getattr(self, field)))

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
        validators=[key_validator],
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

    TEXT_FIELDS = ("title", "description")

    def save(self, *args, **kwargs):
        self.normalise_newlines()
        self.fill_missing_slugs()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "articles:category", kwargs={"pk": self.pk, "slug": self.slug or self.key}
        )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers see: published, and past its "publish at" time."""
        return self.filter(status=Article.Status.PUBLISHED).filter(
            models.Q(publish_at__isnull=True) | models.Q(publish_at__lte=timezone.now())
        )

    def waiting_for_review(self):
        return self.filter(submitted_at__isnull=False)

    def visible_to(self, user):
        """Readers see published articles; staff also see drafts (preview)."""
        if user.is_active and user.is_staff:
            return self
        return self.published()

    def next_publication(self, after):
        """When the next article scheduled after `after` goes live, or None."""
        return (
            self.filter(status=Article.Status.PUBLISHED, publish_at__gt=after)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )


class Article(TranslatedSlugMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Freshness(models.TextChoices):
        MISSING = "missing", _("missing")
        OUTDATED = "outdated", _("out of date")
        UP_TO_DATE = "current", _("up to date")

    # Fields whose change in a language means that language's text was updated.
    CONTENT_FIELDS = ("title", "summary", "body")
    TEXT_FIELDS = CONTENT_FIELDS

    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        validators=[key_validator],
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
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        # Searches leave out articles not yet due (search/backends).
        db_index=True,
        help_text=_(
            "Leave empty to publish as soon as the status is Published. A time "
            "in the future keeps the article hidden until then."
        ),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    # Translation freshness: the default language's text has editions (a
    # significant edit starts a new one); each translation remembers the
    # edition it was last translated from.
    source_edition = models.PositiveIntegerField(default=1, editable=False)
    translated_edition = models.PositiveIntegerField(
        null=True, blank=True, editable=False
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    # NULL, not "", for "no slug in this language": see the unique constraints.
    slug = models.SlugField(_("slug"), max_length=200, null=True, blank=True)  # noqa: DJ001
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(
        _("body (Markdown)"),
        blank=True,
        help_text=_(
            "Markdown: ## Heading, 1. numbered steps, - lists, **bold**, tables, "
            '```code```, and boxes: !!! note "Note" (or tip, warning) followed by '
            "indented text. Link to pages of this site with (route:account_login) "
            "or (route:account_reset_password), to other articles with "
            "(article:42) or (article:their-key)."
        ),
    )
    body_html = models.TextField(editable=False, blank=True)
    toc_html = models.TextField(editable=False, blank=True)
    # Plain text of the body, for search snippets and the index (empty in
    # languages the article is not translated into).
    search_text = models.TextField(editable=False, blank=True)
    content_updated_at = models.DateTimeField(
        _("text last updated"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    # Review (see articles/publishing.py): the pending change, the article
    # itself while it is not live or else its working copy, is waiting for
    # a publisher; or a publisher sent it back with a comment.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(
        _("submitted for review"), null=True, blank=True, editable=False
    )
    review_comment = models.TextField(_("review comment"), blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["category__position", "position", "id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = _per_language_unique_slugs("article")
        # A category's articles in its order (its page, the side column,
        # related articles), the first few read without sorting them all.
        indexes = [
            models.Index(
                fields=["category", "position", "id"], name="article_category_order"
            )
        ]
        permissions = [
            ("publish_article", _("Can publish, schedule and archive articles")),
        ]

    def __str__(self):
        return self.title or self.key

    def save(self, *args, minor_edit=False, **kwargs):
        """Save, render, and keep dates and translation editions right. A
        `minor_edit` (a typo) moves no edition: of the default language's
        text, it leaves the translations up to date; of a translation, it
        leaves it as far behind as it was."""
        self.normalise_newlines()
        self.fill_missing_slugs()
        self._track_changes(self._stored_values(), minor_edit)
        try:
            self._render()
        finally:
            # Links follow the other articles' URLs: render again next time.
            self.__dict__.pop("_rendered", None)
        # What other apps keep about the article (the search index) changes
        # with it, or not at all: their post_save receivers run in here.
        with transaction.atomic():
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "articles:article", kwargs={"pk": self.pk, "slug": self.slug or self.key}
        )

    def category_articles(self):
        """The published articles of this article's category, in their order."""
        return (
            Article.objects.published()
            .filter(category_id=self.category_id)
            .order_by("position", "id")
        )

    def is_published(self):
        return self.status == self.Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )

    def freshness(self, language):
        """Whether the `language` translation is missing, behind the default
        language's text, or up to date with it."""
        if not self.has_translation(language):
            return self.Freshness.MISSING
        edition = getattr(self, f"translated_edition_{language}")
        if language != DEFAULT_LANGUAGE and (edition or 0) < self.source_edition:
            return self.Freshness.OUTDATED
        return self.Freshness.UP_TO_DATE

    def clean(self):
        errors = {}
        # Scheduled articles too: nothing checks them again when they go live.
        if self.status == self.Status.PUBLISHED and not getattr(
            self, f"title_{DEFAULT_LANGUAGE}"
        ):
            errors[f"title_{DEFAULT_LANGUAGE}"] = _(
                "A published article needs a title in the default language."
            )
        for code, problems in self.render_problems().items():
            errors[f"body_{code}"] = problems
        if errors:
            raise ValidationError(errors)

    def rendered_in(self, language):
        """The body readers of `language` see, rendered: its own text, else
        the default language's, with links leading to `language` pages.
        Raises RenderError.

        Kept on the instance from clean() to save(), which would otherwise
        render it twice, for as long as the text and the import batch
        (articles_pending) are the same; save() drops it."""
        source = getattr(self, f"body_{language}") or getattr(
            self, f"body_{DEFAULT_LANGUAGE}"
        )
        key = (source, links.pending_article_keys())
        kept = self.__dict__.setdefault("_rendered", {})
        if language not in kept or kept[language][0] != key:
            kept[language] = (
                key,
                rendering.render(
                    source,
                    language,
                    article_url,
                    lambda target: image_for(target, language),
                ),
            )
        return kept[language][1]

    def render_problems(self):
        """Per language, what stops its own body from rendering (broken
        links). A language without one shows the default language's text,
        whose problems are that language's."""
        problems = {}
        for code in LANGUAGE_CODES:
            try:
                self.rendered_in(code)
            except rendering.RenderError as error:
                if getattr(self, f"body_{code}"):
                    problems[code] = error.problems
        return problems

    def _render(self):
        # Every language gets HTML: a missing translation shows the default
        # language's text, but its links still lead to the reader's language.
        for code in LANGUAGE_CODES:
            rendered = self.rendered_in(code)
            setattr(self, f"body_html_{code}", rendered.html)
            setattr(self, f"toc_html_{code}", rendered.toc_html)
            text = rendering.plain_text(rendered.html)
            setattr(
                self, f"search_text_{code}", text if self.has_translation(code) else ""
            )

    def _stored_values(self):
        if self.pk is None:
            return None
        names = ["source_edition"] + [
            f"{name}_{code}"
            for name in (
                *self.CONTENT_FIELDS,
                "content_updated_at",
                "translated_edition",
            )
            for code in LANGUAGE_CODES
        ]
        return type(self).objects.filter(pk=self.pk).values(*names).first()

    def _track_changes(self, stored, minor_edit):
        """Per language: when its text last changed, and which edition of
        the default language's text it matches. Values set on purpose (an
        import carrying them) are kept."""

        def edited(code):
            return stored is None or any(
                stored[f"{name}_{code}"] != getattr(self, f"{name}_{code}")
                for name in self.CONTENT_FIELDS
            )

        def set_on_purpose(name):
            return stored is not None and stored[name] != getattr(self, name)

        if (
            stored is not None
            and edited(DEFAULT_LANGUAGE)
            and not minor_edit
            and not set_on_purpose("source_edition")
        ):
            self.source_edition += 1
        now = timezone.now()
        for code in self.translated_languages():
            stamp, edition = f"content_updated_at_{code}", f"translated_edition_{code}"
            if not set_on_purpose(stamp) and (
                getattr(self, stamp) is None or (stored is not None and edited(code))
            ):
                setattr(self, stamp, now)
            # A minor edit moves no edition: fixing a typo in an outdated
            # translation does not bring it up to date.
            if code == DEFAULT_LANGUAGE or (
                not set_on_purpose(edition)
                and (
                    getattr(self, edition) is None
                    or (stored is not None and edited(code) and not minor_edit)
                )
            ):
                setattr(self, edition, self.source_edition)

    def updated_at(self, language):
        """When the text readers of `language` see was last changed."""
        if self.has_translation(language):
            return getattr(self, f"content_updated_at_{language}")
        return getattr(self, f"content_updated_at_{DEFAULT_LANGUAGE}")


class WorkingCopyQuerySet(models.QuerySet):
    def due(self, moment):
        """Copies scheduled to go live at or before `moment`."""
        return self.filter(publish_at__lte=moment)

    def next_due(self, after):
        """When the next copy scheduled after `after` goes live, or None."""
        return (
            self.filter(publish_at__gt=after)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )


class WorkingCopy(models.Model):
    """Pending changes to a live article: readers keep the article's own
    text until the copy is published (articles/publishing.py)."""

    # The article form's fields a copy holds (the ones readers see change).
    FIELDS = (
        "category",
        "position",
        *(
            f"{name}_{code}"
            for name in ("title", "slug", "summary", "body")
            for code in LANGUAGE_CODES
        ),
    )

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        related_name="working_copy",
        verbose_name=_("article"),
    )
    # Field name -> value as the article stores it (category: its id).
    values = models.JSONField(default=dict)
    minor_edit = models.BooleanField(default=False)
    publish_at = models.DateTimeField(
        _("goes live at"), null=True, blank=True, db_index=True
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)

    objects = WorkingCopyQuerySet.as_manager()

    class Meta:
        verbose_name = _("working copy")
        verbose_name_plural = _("working copies")

    def __str__(self):
        return str(self.article)

    @classmethod
    def values_of(cls, article):
        """The copy's `values` for `article` as it is in memory."""
        return {
            name: getattr(article, "category_id" if name == "category" else name)
            for name in cls.FIELDS
        }

    def lay_over(self, article):
        """Put the copy's values on `article` (in memory)."""
        for name, value in self.values.items():
            if name in self.FIELDS:
                setattr(article, "category_id" if name == "category" else name, value)
        if "category" in self.values:
            # The cached category object would still be the old one.
            article._state.fields_cache.pop("category", None)


# Ids are 64-bit integers: longer numbers name no article.
MAX_ID_DIGITS = 18


def article_url(target):
    """The URL of an article by id or key, in the active language, for
    `article:` links (rendering); None if there is no such article."""
    # Ids are ASCII digits ("²" is a digit to Python, and int() refuses it);
    # anything else, however long, is looked up as a key.
    by_id = target.isascii() and target.isdigit() and len(target) <= MAX_ID_DIGITS
    lookup = {"pk": int(target)} if by_id else {"key": target}
    article = Article.objects.filter(**lookup).first()
    if article is not None:
        return article.get_absolute_url()
    return links.PENDING_LINK if target in links.pending_article_keys() else None


# Images placed in articles by a stable key (`![alt](image:<key>)`): one
# Image per key with its alt text in every language, and one ImageFile per
# language that has its own picture (a French screenshot for the French
# text); other languages show the default language's.
_IMAGE_REFERENCE = re.compile(
    rf"(?<![\w-]){re.escape(rendering.IMAGE_PREFIX)}({KEY_PATTERN})"
)
FOLDER = "images"


def referenced_keys(text):
    """The image keys a Markdown text names."""
    return set(_IMAGE_REFERENCE.findall(text or ""))


class Image(models.Model):
    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        validators=[key_validator],
        help_text=_(
            "Place the image in an article with ![description](image:key); "
            "the key stays the same in every language."
        ),
    )
    alt = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it (screen "
            "readers). Required in every language."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.key

    def clean(self):
        missing = {
            f"alt_{code}": _("Describe the image for readers who cannot see it.")
            for code in LANGUAGE_CODES
            if not (getattr(self, f"alt_{code}", "") or "").strip()
        }
        if missing:
            raise ValidationError(missing)

    def used_by(self):
        """The articles whose Markdown, in any language, shows this image."""
        needle = f"{rendering.IMAGE_PREFIX}{self.key}"
        mentions = Q()
        for code in LANGUAGE_CODES:
            mentions |= Q(**{f"body_{code}__contains": needle})
        candidates = Article.objects.filter(mentions)
        return [
            article
            for article in candidates
            if any(
                self.key in referenced_keys(getattr(article, f"body_{code}"))
                for code in LANGUAGE_CODES
            )
        ]

    def file_for(self, language):
        """The language's own file, else the default language's (or None)."""
        files = {file.language: file for file in self.files.all()}
        return files.get(language) or files.get(DEFAULT_LANGUAGE)

    def delete(self, *args, **kwargs):
        if articles := self.used_by():
            raise models.ProtectedError(
                _("Articles still show this image: %(articles)s")
                % {"articles": ", ".join(str(article) for article in articles)},
                set(articles),
            )
        names = [name for file in self.files.all() for name in file.stored_names()]
        result = super().delete(*args, **kwargs)
        _delete_stored(names)
        return result

    def attach(self, language, processed):
        """Store `processed` (images.ProcessedImage) as the `language` file,
        replacing the one it had, then render the articles that show it
        again (their HTML holds the file's URLs). Nothing is left stored if
        saving fails."""
        folder = f"{FOLDER}/{self.key}/{processed.sha256[:16]}"
        written = []
        try:
            written.append(
                default_storage.save(
                    f"{folder}/{language}.png", ContentFile(processed.master)
                )
            )
            variants = []
            for variant in processed.variants:
                name = default_storage.save(
                    f"{folder}/{language}-{variant.width}.webp",
                    ContentFile(variant.data),
                )
                written.append(name)
                variants.append(
                    {"name": name, "width": variant.width, "height": variant.height}
                )
            with transaction.atomic():
                old = ImageFile.objects.filter(image=self, language=language).first()
                ImageFile.objects.filter(image=self, language=language).delete()
                ImageFile.objects.create(
                    image=self,
                    language=language,
                    master=written[0],
                    width=processed.width,
                    height=processed.height,
                    sha256=processed.sha256,
                    variants=variants,
                )
                for article in self.used_by():
                    article.save()
        except BaseException:
            _delete_stored(written)
            raise
        if old is not None:
            _delete_stored(set(old.stored_names()) - set(written))


def _delete_stored(names):
    for name in names:
        default_storage.delete(name)


class ImageFile(models.Model):
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=10)
    # Names in STORAGES["default"]: the PNG master (exported) and the WebP
    # variants readers get ([{"name", "width", "height"}], narrowest first).
    master = models.CharField(max_length=300)
    variants = models.JSONField(default=list)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["image", "language"], name="one_image_file_per_language"
            )
        ]

    def __str__(self):
        return f"{self.image.key} ({self.language})"

    def stored_names(self):
        return [self.master, *(variant["name"] for variant in self.variants)]

    def read_master(self):
        with default_storage.open(self.master, "rb") as stored:
            return stored.read()


def image_for(key, language):
    """What `image:<key>` shows to readers of `language` (rendering.ImageRef),
    or None when there is no such image."""
    image = Image.objects.filter(key=key).prefetch_related("files").first()
    file = image.file_for(language) if image else None
    if file is None:
        return None
    variants = file.variants
    return rendering.ImageRef(
        src=default_storage.url(variants[-1]["name"]),
        srcset=", ".join(
            f"{default_storage.url(variant['name'])} {variant['width']}w"
            for variant in variants
        ),
        width=variants[-1]["width"],
        height=variants[-1]["height"],
        alt=getattr(image, f"alt_{language}")
        or getattr(image, f"alt_{DEFAULT_LANGUAGE}"),
    )
