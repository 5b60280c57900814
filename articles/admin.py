from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from . import admin_search  # noqa: F401 - registers the search log's admin
from .admin_feedback import HelpfulnessAdminMixin  # feedback admin (issue #4)
from .models import Article, Category


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ("title", "key", "position")
    ordering = ("position", "id")


@admin.register(Article)
class ArticleAdmin(HelpfulnessAdminMixin, TranslationAdmin):
    list_display = ("title", "key", "category", "status", "position")
    list_filter = ("status", "category")
    list_select_related = ("category",)
    search_fields = ("key", "title")
