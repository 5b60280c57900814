import reversion
from modeltranslation.translator import TranslationOptions, register

from .models import Article, Category, Image


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "description")
    empty_values = {"slug": None}


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "slug",
        "summary",
        "body",
        "body_html",
        "toc_html",
        "search_text",
        "content_updated_at",
        "translated_edition",
    )
    empty_values = {"slug": None}


@register(Image)
class ImageTranslationOptions(TranslationOptions):
    fields = ("alt",)


# Versions must record the per-language fields, which exist only once the
# translator has added them: register here, not with @reversion.register.
reversion.register(Category)
# The review's state describes the pending change, not a version of the text.
reversion.register(
    Article, exclude=("submitted_by", "submitted_at", "review_comment", "reviewed_by")
)
