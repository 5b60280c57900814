from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from . import search as search_service
from .models import DEFAULT_LANGUAGE, Article, Category


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
def home(request):
    categories = Category.objects.prefetch_related(_published_articles())
    return render(
        request,
        "articles/home.html",
        {
            "categories": [c for c in categories if c.published_articles],
            "canonical": request.path,
        },
    )


@require_safe
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
            "alternates": article.alternate_urls(),
            "hreflang_languages": article.translated_languages(),
            # A page showing the default language's text is a duplicate of it.
            "canonical": article.url_in(language if translated else DEFAULT_LANGUAGE),
        },
    )


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()
    results = search_service.search(query, get_language()) if query else []
    return render(request, "articles/search.html", {"query": query, "results": results})
