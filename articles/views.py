"""The reader's pages of the knowledge base. Other apps' parts of them (the
feedback widget, related articles, the most helpful articles) come from
their template tags, and add what the page cache must know about them
(helpcenter/page_cache.extend)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from helpcenter import page_cache

from .cache_tags import CONTENT
from .models import DEFAULT_LANGUAGE, Article, Category

# How many articles of the same category the article page's side column lists.
IN_CATEGORY_SHOWN = 10


def _published_articles():
    return Prefetch(
        "articles",
        queryset=Article.objects.published().order_by("position", "id"),
        to_attr="published_articles",
    )


def _redirect_to_canonical(request, obj):
    """301 when the slug is not this language's canonical one, else None."""
    canonical = obj.get_absolute_url()
    if request.path == canonical:
        return None
    query = request.META.get("QUERY_STRING")
    return redirect(f"{canonical}?{query}" if query else canonical, permanent=True)


@require_safe
@page_cache.shared_page("articles:home", CONTENT)
def home(request):
    categories = Category.objects.prefetch_related(_published_articles())
    return render(
        request,
        "articles/home.html",
        {
            "categories": [c for c in categories if c.published_articles],
            "articles": [a for c in categories for a in c.published_articles],
            "canonical": request.path,
        },
    )


@require_safe
@page_cache.shared_page("articles:category", CONTENT)
def category_detail(request, pk, slug):
    category = get_object_or_404(
        Category.objects.prefetch_related(_published_articles()), pk=pk
    )
    if response := _redirect_to_canonical(request, category):
        return response
    return render(
        request,
        "articles/category.html",
        {
            "category": category,
            "articles": category.published_articles,
            "alternates": category.alternate_urls(),
            "hreflang_languages": category.translated_languages(),
            "canonical": category.get_absolute_url(),
        },
    )


@require_safe
@page_cache.shared_page(
    "articles:article",
    CONTENT,
    # Search results link with `?q=`: the vote reads it from its Referer.
    ignored_parameters=("q",),
)
def article_detail(request, pk, slug):
    article = get_object_or_404(
        Article.objects.visible_to(request.user).select_related("category"), pk=pk
    )
    if response := _redirect_to_canonical(request, article):
        return response
    language = get_language()
    translated = article.has_translation(language)
    return render(
        request,
        "articles/article.html",
        {
            "article": article,
            "translated": translated,
            "outdated": article.freshness(language) == Article.Freshness.OUTDATED,
            "source_url": article.url_in(DEFAULT_LANGUAGE),
            "updated_at": article.updated_at(language),
            "in_category": article.category_articles()[:IN_CATEGORY_SHOWN],
            "alternates": article.alternate_urls(),
            "hreflang_languages": article.translated_languages(),
            # A page showing the default language's text is a duplicate of it.
            "canonical": article.url_in(language if translated else DEFAULT_LANGUAGE),
        },
    )
