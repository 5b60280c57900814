from modeltranslation.translator import TranslationOptions, register

from .models import Article, Category


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
    )
    empty_values = {"slug": None}
