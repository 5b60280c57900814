"""Images placed in articles by a stable key (`![alt](image:<key>)`): one
Image per key with its alt text in every language, and one ImageFile per
language that has its own picture (a French screenshot for the French
text); other languages show the default language's."""

import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import rendering
from .models import DEFAULT_LANGUAGE, KEY_PATTERN, LANGUAGE_CODES, key_validator

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
        from .models import Article

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
