import re

import pytest
from django.test import Client

from articles.models import Article

from .helpers import make_article, make_category

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_language_the_browser_asks_for(client):
    response = client.get("/", headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_root_redirects_to_the_language_last_read(client):
    client.get("/fr/")
    response = client.get("/", headers={"accept-language": "en"})
    assert response["Location"] == "/fr/"


def test_home_lists_categories_with_their_published_articles(client):
    category = make_category(title_fr="Compte")
    published = make_article(category, title_fr="Publié")
    make_article(category, title_fr="Brouillon", status=Article.Status.DRAFT)
    make_category(title_fr="Vide")
    page = client.get("/fr/").content.decode()
    assert "Compte" in page
    assert published.url_in("fr") in page
    assert "Brouillon" not in page
    assert "Vide" not in page


def test_home_has_a_search_box_pointing_to_the_search_page(client):
    page = client.get("/fr/").content.decode()
    assert 'action="/fr/search/"' in page
    assert 'name="q"' in page


def test_category_page_lists_its_articles_with_summaries(client):
    category = make_category(title_fr="Compte")
    make_article(category, title_fr="Se connecter", summary_fr="Comment entrer.")
    page = client.get(category.url_in("fr")).content.decode()
    assert "<h1>Compte</h1>" in page
    assert "Se connecter" in page
    assert "Comment entrer." in page


def test_article_page_shows_breadcrumbs_title_updated_toc_body_and_support(client):
    article = make_article(title_fr="Se connecter", body_fr="## Un\n\nA\n\n## Deux")
    page = client.get(article.url_in("fr")).content.decode()
    assert 'aria-label="Fil d’Ariane"' in page
    assert "<h1>Se connecter</h1>" in page
    assert re.search(r'<time datetime="[^"]+" title="[^"]+">Mis à jour', page)
    assert 'href="#deux"' in page
    assert '<h2 id="un">Un</h2>' in page
    assert f'href="/fr/support/?article={article.pk}"' in page


def test_wrong_slug_answers_301_to_the_canonical_url(client):
    article = make_article(title_fr="Bon titre")
    response = client.get(f"/fr/articles/{article.pk}-mauvais/?from=search")
    assert response.status_code == 301
    assert response["Location"] == f"/fr/articles/{article.pk}-bon-titre/?from=search"


def test_the_other_language_slug_redirects_to_this_language_slug(client):
    article = make_article(title_en="Good title", title_fr="Bon titre")
    response = client.get(f"/fr/articles/{article.pk}-good-title/")
    assert response.status_code == 301
    assert response["Location"] == f"/fr/articles/{article.pk}-bon-titre/"


def test_wrong_category_slug_answers_301(client):
    category = make_category(title_en="Account")
    response = client.get(f"/en/categories/{category.pk}-x/")
    assert response.status_code == 301
    assert response["Location"] == f"/en/categories/{category.pk}-account/"


@pytest.mark.parametrize(
    "path",
    [
        "/fr/articles/999999-nope/",
        "/en/categories/999999-nope/",
        "/de/",
        "/xx/articles/1-a/",
        "/fr/articles/abc-def/",
        "/fr/articles/99999999999999999999999-huge/",
        "/fr/nowhere/",
    ],
)
def test_unknown_pages_are_404_in_our_layout(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert 'class="skip-link"' in response.content.decode()


def test_a_draft_is_404_for_readers(client):
    draft = make_article(status=Article.Status.DRAFT)
    assert client.get(draft.url_in("en")).status_code == 404


def test_staff_can_preview_a_draft_which_is_not_indexed(client, django_user_model):
    draft = make_article(status=Article.Status.DRAFT)
    editor = django_user_model.objects.create_user(
        "editor", password="x", is_staff=True
    )
    client.force_login(editor)
    response = client.get(draft.url_in("en"))
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_missing_translation_shows_the_default_text_with_a_notice(client):
    article = make_article(
        title_en="Only in English", title_fr="", summary_fr="", body_fr=""
    )
    page = client.get(article.url_in("fr")).content.decode()
    assert "Only in English" in page
    assert "pas encore disponible" in page
    assert '<article class="article" lang="en">' in page


def test_language_switcher_keeps_you_on_the_same_article(client):
    article = make_article(title_en="Log in", title_fr="Se connecter")
    page = client.get(article.url_in("fr")).content.decode()
    assert f'href="/en/articles/{article.pk}-log-in/" lang="en"' in page


def test_article_head_has_lang_canonical_and_hreflang_alternates(client):
    article = make_article(title_en="Log in", title_fr="Se connecter")
    page = client.get(article.url_in("fr")).content.decode()
    base = "http://testserver"
    assert '<html lang="fr">' in page
    assert (
        f'<link rel="canonical" href="{base}/fr/articles/{article.pk}-se-connecter/">'
        in page
    )
    for code, slug in (("en", "log-in"), ("fr", "se-connecter")):
        link = f'hreflang="{code}" href="{base}/{code}/articles/{article.pk}-{slug}/"'
        assert link in page
    assert f'hreflang="x-default" href="{base}/articles/{article.pk}-log-in/"' in page


def test_a_fallback_page_is_canonical_to_the_original_and_not_an_alternate(client):
    article = make_article(title_en="Only", title_fr="", summary_fr="", body_fr="")
    page = client.get(article.url_in("fr")).content.decode()
    assert (
        f'rel="canonical" href="http://testserver/en/articles/{article.pk}-only/"'
        in page
    )
    assert 'rel="alternate" hreflang="fr"' not in page


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_reader_pages_refuse_other_methods(method):
    article = make_article()
    client = Client(enforce_csrf_checks=False)
    for path in ("/en/", article.url_in("en"), article.category.url_in("en")):
        assert getattr(client, method)(path).status_code == 405


def _page_with_many_articles(count):
    category = make_category()
    for _ in range(count):
        make_article(category)
    return category


# Rendering budgets: the page cache is off (PAGE_CACHE_SECONDS=0) so that
# every request renders; test_page_cache.py counts pages served from it.


@pytest.mark.parametrize("count", [1, 12])
def test_home_query_budget_is_constant(
    client, django_assert_num_queries, settings, count, brand_in_cache
):
    settings.PAGE_CACHE_SECONDS = 0
    _page_with_many_articles(count)
    # The third ranks the "most helpful articles" (feedback/stats.py); the
    # last reads the brand from the cache (a table here).
    with django_assert_num_queries(4):
        assert client.get("/fr/").status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_category_query_budget_is_constant(
    client, django_assert_num_queries, settings, count, brand_in_cache
):
    settings.PAGE_CACHE_SECONDS = 0
    category = _page_with_many_articles(count)
    # The category, its articles, and the brand from the cache (a table here).
    with django_assert_num_queries(3):
        assert client.get(category.url_in("fr")).status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_article_query_budget_is_constant(
    client, django_assert_num_queries, settings, count, brand_in_cache
):
    settings.PAGE_CACHE_SECONDS = 0
    # The article, the articles of its category, its vote counts, then
    # related articles: ids, rows; and the brand from the cache (a table
    # here).
    category = _page_with_many_articles(count)
    article = category.articles.first()
    with django_assert_num_queries(6):
        assert client.get(article.url_in("fr")).status_code == 200


def test_search_lists_matching_published_articles_in_the_reader_language(client):
    make_article(title_fr="Réinitialiser le mot de passe", body_fr="Étapes.")
    make_article(title_fr="Autre chose", status=Article.Status.DRAFT, body_fr="mot")
    page = client.get("/fr/search/", {"q": "mot de passe"}).content.decode()
    assert "Réinitialiser le <mark>mot</mark> de <mark>passe</mark>" in page
    assert "Autre chose" not in page


def test_search_never_reflects_the_query_as_html(client):
    page = client.get("/fr/search/", {"q": "<script>alert(1)</script>"}).content
    assert b"<script>alert(1)</script>" not in page
    assert b"&lt;script&gt;" in page


def test_the_404_page_offers_each_language_home_page(client):
    page = client.get("/de/nothing/", headers={"accept-language": "fr"})
    html = page.content.decode()
    assert 'href="/en/" lang="en"' in html
    assert 'href="/fr/" lang="fr"' in html


@pytest.mark.parametrize(
    "path",
    ["/fr/accounts/login/", "/fr/accounts/password/reset/", "/fr/accounts/signup/"],
)
def test_account_pages_are_mounted_in_our_layout_and_language(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'class="skip-link"' in html
    assert 'href="/en/accounts/' in html


def test_titles_shown_in_the_default_language_are_marked_with_its_lang(client):
    category = make_category(title_fr="Compte")
    make_article(category, title_en="English only", title_fr="", body_fr="")
    make_article(category, title_en="Both", title_fr="Les deux")
    page = client.get(category.url_in("fr")).content.decode()
    assert re.search(r'<a href="[^"]+" lang="en">English only</a>', page)
    assert re.search(r'<a href="[^"]+">Les deux</a>', page)


def test_article_page_lists_its_categorys_published_articles_marking_itself():
    article = make_article(title_fr="Se connecter")
    sibling = make_article(category=article.category, title_fr="Mot de passe")
    make_article(category=article.category, status=Article.Status.DRAFT)
    page = Client().get(article.url_in("fr")).content.decode()
    side = page[
        page.index('class="in-category"') : page.index(
            "</nav>", page.index('class="in-category"')
        )
    ]
    assert f'href="{article.url_in("fr")}" aria-current="page"' in side
    assert f'href="{sibling.url_in("fr")}"' in side
    assert side.count("<li>") == 2
