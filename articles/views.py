from allauth.core.ratelimit import consume_or_429
from django.core.paginator import InvalidPage
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from . import feedback, feedback_views, page_cache
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
@page_cache.shared_page(page_cache.CONTENT, page_cache.ALL_VOTES)
def home(request):
    categories = Category.objects.prefetch_related(_published_articles())
    return render(
        request,
        "articles/home.html",
        {
            "categories": [c for c in categories if c.published_articles],
            "most_helpful": feedback.most_helpful(
                a for c in categories for a in c.published_articles
            ),
            "canonical": request.path,
        },
    )


@require_safe
@page_cache.shared_page(page_cache.CONTENT)
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
    page_cache.CONTENT,
    lambda pk, **kwargs: page_cache.article_votes(pk),
    unless=feedback_views.has_answered,
    # Search results link with `?q=`: the vote reads it from its Referer.
    ignored_parameters=("q",),
)
def article_detail(request, pk, slug):
    article = get_object_or_404(
        feedback.with_public_counts(
            Article.objects.visible_to(request.user).select_related("category")
        ),
        pk=pk,
    )
    if response := _redirect_to_canonical(request, article):
        return response
    language = get_language()
    translated = article.has_translation(language)
    widget = feedback_views.widget(request, article)
    response = render(
        request,
        "articles/article.html",
        {
            "article": article,
            "feedback": widget,
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
    if widget["personal"]:
        # The page shows this reader's own answer: no shared cache may keep it.
        patch_cache_control(response, private=True)
    return response


@require_safe
def search(request):
    query = search_service.normalise_query(request.GET.get("q", ""))
    if not query:
        return render(request, "articles/search.html", {"query": query})
    # allauth leaves GET requests alone unless told: searching is one.
    limited = consume_or_429(
        request, action=search_service.RATE_LIMIT_ACTION, limit_get=True
    )
    if limited:
        return limited
    try:
        results = search_service.search(
            query, get_language(), page=request.GET.get("page", 1)
        )
    except InvalidPage as error:
        raise Http404(error) from error
    search_service.record(results)
    return render(request, "articles/search.html", {"query": query, "results": results})
