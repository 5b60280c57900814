from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Article, Category


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ("title", "key", "position")
    ordering = ("position", "id")


@admin.register(Article)
class ArticleAdmin(TranslationAdmin):
    list_display = ("title", "key", "category", "status", "position")
    list_filter = ("status", "category")
    list_select_related = ("category",)
    search_fields = ("key", "title")
