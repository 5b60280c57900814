"""The search page, the suggestions endpoint, related articles and the
editors' search report, as readers and editors reach them."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.html import escape

from articles.models import Article
from articles.tests.helpers import make_article, make_category
from feedback import votes
from search import log as search_log
from search.models import SearchQuery

pytestmark = pytest.mark.django_db


def get_search(client, query, **params):
    return client.get("/fr/search/", {"q": query, **params})


@pytest.mark.parametrize("path", ["/fr/", "/fr/search/"])
def test_every_page_has_a_search_box_with_suggestions(client, path):
    page = client.get(path).content.decode()
    assert 'role="search" action="/fr/search/"' in page
    assert 'data-suggest-url="/fr/search/suggestions/"' in page
    assert "js/search-suggest.js" in page


def test_an_article_page_has_the_header_search_box(client):
    page = client.get(make_article().url_in("fr")).content.decode()
    assert 'id="header-search"' in page


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_an_empty_query_shows_a_prompt_and_is_not_logged(client, query):
    response = get_search(client, query)
    assert response.status_code == 200
    with translation.override("fr"):
        prompt = translation.gettext(
            "Type a few words about your question in the search box."
        )
    assert escape(prompt) in response.content.decode()
    assert not SearchQuery.objects.exists()


def test_results_show_title_category_and_highlighted_snippet(client):
    category = make_category(title_fr="Compte")
    article = make_article(
        category,
        title_fr="Réinitialiser le mot de passe",
        body_fr="Pour réinitialiser votre mot de passe, ouvrez la page.",
    )
    page = get_search(client, "reinitialiser").content.decode()
    assert "1 article trouvé pour «\u00a0reinitialiser\u00a0»." in page
    link = f'href="{article.url_in("fr")}?q=reinitialiser"'
    assert f"<a {link}><mark>Réinitialiser</mark> le mot de passe</a>" in page
    assert '<p class="search-category muted">Compte</p>' in page
    assert "Pour <mark>réinitialiser</mark> votre mot de passe" in page


def test_nothing_found_suggests_other_ways(client):
    page = get_search(client, "zzzz").content.decode()
    assert "0 article trouvé" in page
    assert 'href="/fr/support/"' in page


def test_the_query_is_never_reflected_as_html(client):
    make_article(title_fr="Alerte script", body_fr="Un script & <b>rien</b>.")
    page = get_search(client, '<script>alerte("")</script>').content.decode()
    assert "<script>alerte" not in page
    assert "&lt;script&gt;alerte(&quot;&quot;)&lt;/script&gt;" in page
    assert "<mark>Alerte</mark> <mark>script</mark>" in page


@pytest.mark.parametrize(
    "query", ['"', "*", "-", "NEAR(", "a OR", "(((", '"mot" -', "x" * 5000]
)
def test_syntax_characters_and_long_queries_never_fail(client, query):
    make_article(title_fr="Mot de passe")
    assert get_search(client, query).status_code == 200


def test_a_long_query_is_searched_and_logged_cut_to_200_characters(client):
    get_search(client, "m" * 300)
    assert len(SearchQuery.objects.get().query) == 200


def test_results_are_paginated_with_links_keeping_the_query(client):
    category = make_category()
    for _number in range(12):
        make_article(category, title_fr="Facture")
    first = get_search(client, "facture").content.decode()
    assert "12 articles trouvés" in first
    assert 'href="?q=facture&amp;page=2" rel="next"' in first
    second = get_search(client, "facture", page="2").content.decode()
    assert '<ol class="search-results" start="11">' in second
    assert 'href="?q=facture&amp;page=1" rel="prev"' in second


@pytest.mark.parametrize("page", ["0", "3", "x", "-1", "1.5", "9" * 30])
def test_a_page_past_the_end_or_not_a_number_is_404(client, page):
    make_article(title_fr="Facture")
    assert get_search(client, "facture", page=page).status_code == 404


# From 3 results on, other languages are not searched (engine.FEW_RESULTS).
@pytest.mark.parametrize("count", [3, 12])
def test_search_query_budget_is_constant(
    client, django_assert_num_queries, settings, count
):
    # The rate limit's cache is counted apart: the database when no Redis is
    # configured, so its queries depend on the deployment, not on search.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    category = make_category()
    for _number in range(count):
        make_article(category, title_fr="Facture")
    settings.SEARCH_LOG_BATCH = 50
    # The synonyms are read once, then kept in the cache.
    get_search(client, "invoice")
    # Whether the words are in the vocabulary (typos), matching ids, the
    # articles with their category, and, to keep the results and the page
    # in the cache, when the next scheduled article and the next scheduled
    # working copy are due (for each); the log is written in batches.
    with django_assert_num_queries(7):
        assert get_search(client, "facture").status_code == 200


def test_every_search_is_logged_without_personal_data(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x" * 12)
    client.force_login(user)
    make_article(title_fr="Facture")
    get_search(client, "  Remboursements   IMPAYÉS ", REMOTE_ADDR="203.0.113.9")
    get_search(client, "facture")
    logged = SearchQuery.objects.order_by("id")
    assert [(s.query, s.language, s.results) for s in logged] == [
        ("remboursements impayés", "fr", 0),
        ("facture", "fr", 1),
    ]
    assert {field.name for field in SearchQuery._meta.fields} == {
        "id",
        "query",
        "language",
        "results",
        "searched_at",
        "corrected",
    }


def test_paging_through_results_is_logged_once(client):
    for _number in range(12):
        make_article(title_fr="Facture")
    get_search(client, "facture")
    get_search(client, "facture", page="2")
    assert SearchQuery.objects.count() == 1


def test_searching_is_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "search": "2/m/ip"}
    assert get_search(client, "a").status_code == 200
    assert get_search(client, "b").status_code == 200
    assert get_search(client, "c").status_code == 429
    assert SearchQuery.objects.count() == 2


def test_an_article_reached_from_search_keeps_the_query_through_the_redirect(client):
    article = make_article(title_fr="Bon titre")
    response = client.get(f"/fr/articles/{article.pk}-ancien/?q=mot+de+passe")
    assert response.status_code == 301
    assert response["Location"] == f"{article.url_in('fr')}?q=mot+de+passe"
    page = client.get(response["Location"]).content.decode()
    assert f'rel="canonical" href="http://testserver{article.url_in("fr")}"' in page


def test_suggestions_answer_json_for_the_words_being_typed(client):
    article = make_article(title_fr="Réinitialiser le mot de passe")
    response = client.get("/fr/search/suggestions/", {"q": "reini"})
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "suggestions": [
            {"title": "Réinitialiser le mot de passe", "url": article.url_in("fr")}
        ]
    }
    assert client.get("/fr/search/suggestions/").json() == {"suggestions": []}
    assert not SearchQuery.objects.exists()


@pytest.mark.parametrize("query", ['"', "*", "-", "(", "x" * 5000])
def test_suggestions_never_fail(client, query):
    response = client.get("/fr/search/suggestions/", {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/fr/search/", "/fr/search/suggestions/"])
def test_a_nul_byte_in_the_query_is_refused_with_a_400(client, path):
    # No database may see it (PostgreSQL refuses NUL in text).
    assert client.get(path, {"q": "a\x00b"}).status_code == 400
    assert not SearchQuery.objects.exists()


def test_suggestions_are_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "search_suggest": "1/m/ip",
    }
    assert client.get("/fr/search/suggestions/", {"q": "ab"}).status_code == 200
    assert client.get("/fr/search/suggestions/", {"q": "abc"}).status_code == 429


def related_titles(client, article):
    page = client.get(article.url_in("fr")).content.decode()
    section = re.search(r'<nav class="related".*?</nav>', page, re.DOTALL)
    return re.findall(r"<li><a [^>]*>([^<]+)</a></li>", section[0]) if section else []


def test_related_articles_come_from_the_same_category_first_then_similar_text(client):
    account, billing, other = make_category(), make_category(), make_category()
    article = make_article(account, title_fr="Factures et paiements", summary_fr="")
    make_article(account, title_fr="Supprimer le compte")
    make_article(billing, title_fr="Payer une facture")
    make_article(other, title_fr="Sans rapport")
    make_article(account, title_fr="Brouillon", status=Article.Status.DRAFT)
    make_article(account, title_fr="", body_fr="", title_en="English only")
    assert related_titles(client, article) == [
        "Supprimer le compte",
        "Payer une facture",
    ]


def test_related_articles_are_ranked_by_similarity_within_a_category(client):
    category = make_category()
    article = make_article(
        category, title_fr="Facture impayée", summary_fr="", position=1
    )
    make_article(category, title_fr="Autre sujet", position=2)
    make_article(category, title_fr="Facture en retard", position=3)
    assert related_titles(client, article) == ["Facture en retard", "Autre sujet"]


def test_an_untranslated_article_relates_to_its_category_in_the_reader_language(
    client,
):
    category = make_category()
    article = make_article(category, title_fr="", body_fr="", title_en="Only here")
    make_article(category, title_fr="Traduit")
    assert related_titles(client, article) == ["Traduit"]


def test_an_article_alone_has_no_related_section(client):
    page = client.get(make_article().url_in("fr")).content.decode()
    assert 'class="related"' not in page


@pytest.mark.parametrize("count", [1, 8])
def test_related_articles_cost_two_queries_whatever_their_number(
    client, django_assert_num_queries, settings, count
):
    settings.PAGE_CACHE_SECONDS = 0  # count the render's queries
    category = make_category()
    article = make_article(category)
    for _number in range(count):
        make_article(category)
    # The article, its category's articles (the side column), its "N of M
    # found this helpful", then two for related ones.
    with django_assert_num_queries(5):
        assert client.get(article.url_in("fr")).status_code == 200


def log(query, language="fr", results=1, days_ago=0):
    searched_at = timezone.now() - timedelta(days=days_ago)
    return SearchQuery.objects.create(
        query=query, language=language, results=results, searched_at=searched_at
    )


def report(admin_client, **params):
    response = admin_client.get("/admin/search/searchquery/", params)
    assert response.status_code == 200
    return response.context["top"], response.context["zero"]


def test_admin_lists_top_searches_and_zero_result_searches(admin_client):
    for _number in range(3):
        log("facture", results=4)
    log("remboursement", results=0)
    log("remboursement", results=0)
    log("refund", language="en", results=0)
    top, zero = report(admin_client)
    assert [(row["query"], row["searches"]) for row in top] == [
        ("facture", 3),
        ("remboursement", 2),
        ("refund", 1),
    ]
    assert [(row["query"], row["language"]) for row in zero] == [
        ("remboursement", "fr"),
        ("refund", "en"),
    ]
    page = admin_client.get("/admin/search/searchquery/").content.decode()
    assert "Searches that found nothing" in page
    assert "remboursement" in page


def test_admin_report_filters_by_language_and_period(admin_client):
    log("facture", days_ago=1)
    log("refund", language="en", days_ago=1)
    log("ancienne", days_ago=60)
    top, _zero = report(admin_client, language="fr")
    assert [row["query"] for row in top] == ["facture"]
    top, _zero = report(admin_client, days="90")
    assert {row["query"] for row in top} == {"facture", "refund", "ancienne"}
    top, _zero = report(admin_client, days="")
    assert len(top) == 3
    top, _zero = report(admin_client)  # the last 30 days by default
    assert {row["query"] for row in top} == {"facture", "refund"}


def test_admin_report_shows_which_filters_are_chosen(admin_client):
    def chosen(**params):
        page = admin_client.get("/admin/search/searchquery/", params)
        return re.findall(
            r'<strong aria-current="true">([^<]+)<', page.content.decode()
        )

    assert chosen() == ["All", "Last 30 days"]
    assert chosen(days="7", language="fr") == ["French", "Last 7 days"]
    assert chosen(days="") == ["All", "All time"]


def test_admin_report_rejects_unknown_filters(admin_client):
    response = admin_client.get("/admin/search/searchquery/", {"days": "x"})
    assert response.status_code == 400


def test_the_search_log_is_read_only_and_for_staff(admin_client, client):
    assert admin_client.get("/admin/search/searchquery/add/").status_code == 403
    response = client.get("/admin/search/searchquery/")
    assert response.status_code == 302


def test_content_health_lists_searches_that_found_nothing(admin_client):
    SearchQuery.objects.create(query="refund policy", language="fr", results=0)
    page = admin_client.get("/admin/articles/article/health/").content.decode()
    assert "refund policy" in page
    assert 'href="/admin/articles/article/add/"' in page


def test_nothing_found_offers_the_most_helpful_articles(client, settings):
    settings.FEEDBACK_MOST_HELPFUL_MIN_VOTES = 1
    category = make_category()
    make_article(category, title_fr="Premier article")
    helpful = make_article(category, title_fr="Article utile")
    votes.record_vote(helpful, votes.Visitor("v1"), value="yes", language="fr")
    page = get_search(client, "zzzz").content.decode()
    fallback = page[page.index('id="search-fallback-title"') :]
    assert "Articles les plus utiles" in fallback
    assert "Article utile" in fallback
    assert "Premier article" not in fallback


def test_nothing_found_without_votes_offers_the_first_articles(client):
    make_article(title_fr="Premier article")
    page = get_search(client, "zzzz").content.decode()
    fallback = page[page.index('id="search-fallback-title"') :]
    assert "Premier article" in fallback


def test_the_same_search_is_served_from_the_cache_until_content_changes(
    client, settings, django_assert_num_queries
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    settings.SEARCH_LOG_BATCH = 50
    article = make_article(title_fr="Facture")
    make_article(title_fr="Facture annuelle")
    make_article(title_fr="Facture mensuelle")
    get_search(client, "facture")
    with django_assert_num_queries(0):
        again = get_search(client, "facture")
    assert again.status_code == 200
    assert again["ETag"]
    assert SearchQuery.objects.count() == 0
    search_log.flush()
    assert SearchQuery.objects.filter(query="facture").count() == 2
    article.title_fr = "Reçu"
    article.save()
    assert get_search(client, "facture").context["results"].total == 2
