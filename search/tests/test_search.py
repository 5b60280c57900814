"""engine.search(): matching, ranking and bad input, on whichever database
the suite runs on (CI runs it on SQLite and on PostgreSQL)."""

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from articles.tests.helpers import make_article, make_category
from search import engine
from search.models import SearchDocument, SearchTerm

pytestmark = pytest.mark.django_db


def keys(results):
    return [hit.article.key for hit in results.hits]


def test_accents_and_case_do_not_matter_either_way():
    accented = make_article(title_fr="Réinitialiser votre mot de passe")
    plain = make_article(title_fr="Securite du compte", body_fr="Activez la SECURITE.")
    assert keys(engine.search("reinitialiser", "fr")) == [accented.key]
    assert keys(engine.search("RÉINITIALISER", "fr")) == [accented.key]
    assert keys(engine.search("sécurité", "fr")) == [plain.key]


def test_french_plural_finds_singular_and_singular_finds_plural():
    singular = make_article(title_fr="Problème de connexion")
    plural = make_article(title_fr="Historique", body_fr="Vos dernières connexions.")
    assert set(keys(engine.search("connexions", "fr"))) == {singular.key, plural.key}
    assert set(keys(engine.search("connexion", "fr"))) == {singular.key, plural.key}


def test_english_word_forms_find_each_other():
    article = make_article(title_en="Change your password", body_en="Logging in.")
    assert keys(engine.search("passwords", "en")) == [article.key]
    assert keys(engine.search("can't log in", "en")) == [article.key]


def test_title_matches_rank_above_body_matches():
    # By relevance alone (SQLite's bm25) the summary match would win: it is
    # short and says "password" again and again, while the title says it
    # once among many words. (PostgreSQL's ts_rank weighs a title word more
    # than any number of others already.)
    in_summary = make_article(
        title_en="Account basics",
        summary_en="Password, password: password.",
        body_en="Password. " * 5,
    )
    in_title = make_article(
        title_en="Everything about your account, its settings, its emails, "
        "its invoices, its language, its devices and its password",
        summary_en="A long guide.",
        body_en="Other words entirely. " * 60,
    )
    for _number in range(5):
        make_article(title_en="Something else", body_en="Nothing related.")
    assert keys(engine.search("password", "en")) == [in_title.key, in_summary.key]


def test_summary_and_body_are_searched():
    by_summary = make_article(summary_en="About invoices.")
    by_body = make_article(body_en="Download the invoice as PDF.")
    assert set(keys(engine.search("invoice", "en"))) == {by_summary.key, by_body.key}


def test_only_published_articles_in_the_reader_language_are_found():
    english_only = make_article(title_en="Refund policy", title_fr="", body_fr="")
    make_article(title_en="Refund draft", status=Article.Status.DRAFT)
    french = make_article(title_fr="Remboursement", body_fr="Un remboursement.")
    assert keys(engine.search("refund", "en")) == [english_only.key]
    assert keys(engine.search("refund", "fr")) == []
    assert keys(engine.search("remboursement", "fr")) == [french.key]
    assert keys(engine.search("remboursement", "en")) == []


def test_quotes_exclusions_and_or():
    phrase = make_article(title_fr="Mot de passe oublié")
    apart = make_article(
        title_fr="Passe ton mot", body_fr="Un mot, puis plus tard passe."
    )
    email = make_article(title_fr="Adresse e-mail", body_fr="Courriel et adresse.")
    assert keys(engine.search('"mot de passe"', "fr")) == [phrase.key]
    assert keys(engine.search("mot passe -oublié", "fr")) == [apart.key]
    assert set(keys(engine.search("oublié or courriel", "fr"))) == {
        phrase.key,
        email.key,
    }


# Punctuation is not syntax: words are words, and a leading "-" excludes
# one. So these find the article when any of their words is in it (the most
# words matched rank first), unless it is excluded.
@pytest.mark.parametrize(
    ("query", "finds"),
    [
        ('"', False),
        ('"unbalanced phrase', False),
        ("password*", True),
        ("*", False),
        ("-", False),
        ("--password", False),
        ("- password", True),
        ("NEAR(password reset)", True),
        ("password NEAR reset", True),
        ("password AND OR NOT reset", True),
        ("(password", True),
        ("password)", True),
        ("title:password", True),
        ("{title}: password", True),
        ("^password", True),
        ("password:*", True),
        ("'; DROP TABLE articles_article; --", False),
        ("pass & word | ! <-> <2>", False),
        ("\\", False),
        ("or", False),
        ("-password or", False),
    ],
)
def test_search_syntax_characters_never_fail(query, finds):
    article = make_article(title_en="Reset your password")
    expected = [article.key] if finds else []
    assert keys(engine.search(query, "en")) == expected
    assert [hit["title"] for hit in engine.suggest(query, "en")] == (
        [article.title_en] if finds else []
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.text(max_size=80))
def test_any_query_is_answered(query):
    # Nothing is published here: whatever the text, no error and no result.
    results = engine.search(query, "fr")
    assert (results.total, results.hits) == (0, [])
    assert engine.suggest(query, "fr") == []


def test_stop_words_only_and_exclusions_only_find_nothing():
    make_article(title_en="The password")
    assert engine.search("the of", "en").total == 0
    assert engine.search("-password", "en").total == 0


def test_long_queries_are_cut_to_the_documented_length():
    assert len(engine.normalise_query("x" * 1000)) == engine.MAX_QUERY_LENGTH
    assert engine.normalise_query("  a\x00b\tc\n ") == "a b c"
    assert engine.search("password " * 500, "en").query.count("password") == 22


def test_results_come_in_pages():
    category = make_category()
    for _number in range(12):
        make_article(category, title_en="Invoice help")
    first = engine.search("invoice", "en")
    second = engine.search("invoice", "en", page="2")
    assert (first.total, len(first.hits), first.page.paginator.num_pages) == (12, 10, 2)
    assert (second.total, len(second.hits), second.page.start_index()) == (12, 2, 11)
    assert not set(keys(first)) & set(keys(second))
    with pytest.raises(EmptyPage):
        engine.search("invoice", "en", page=3)
    with pytest.raises(PageNotAnInteger):
        engine.search("invoice", "en", page="x")
    with pytest.raises(EmptyPage):
        engine.search("invoice", "en", page=0)


def test_hits_have_highlighted_title_and_snippet_and_a_link_carrying_the_query():
    article = make_article(
        title_fr="Réinitialiser le mot de passe",
        body_fr="Si 2 < 3, réinitialisez votre mot de passe depuis la page.",
    )
    [hit] = engine.search("Réinitialiser  MOT", "fr").hits
    assert hit.title == "<mark>Réinitialiser</mark> le <mark>mot</mark> de passe"
    assert "2 &lt; 3, <mark>réinitialisez</mark> votre <mark>mot</mark>" in hit.snippet
    assert hit.url == f"{article.get_absolute_url()}?q=r%C3%A9initialiser+mot"


def test_a_title_only_match_shows_the_summary_as_snippet():
    make_article(title_en="Invoices", summary_en="Where to find them.")
    [hit] = engine.search("invoice", "en").hits
    assert hit.snippet == "Where to find them."


def test_suggestions_complete_the_word_being_typed():
    article = make_article(title_fr="Réinitialiser le mot de passe")
    make_article(title_fr="Autre chose")
    [suggestion] = engine.suggest("reini", "fr")
    assert suggestion == {
        "title": "Réinitialiser le mot de passe",
        "url": article.get_absolute_url(),
    }
    assert engine.suggest("mot de pa", "fr")[0]["title"] == suggestion["title"]
    assert engine.suggest("r", "fr") == []


def test_articles_matching_most_words_come_back_below_those_matching_all():
    everything = make_article(title_en="Forgot your password", body_en="Reset it.")
    most = make_article(title_en="Change your password", body_en="Reset it.")
    one = make_article(title_en="Password rules", body_en="Long ones.")
    make_article(title_en="Invoices", body_en="Billing.")
    found = keys(engine.search("how do i reset my forgotten password", "en"))
    assert found == [everything.key, most.key, one.key]


def test_a_phrase_match_ranks_above_the_same_words_apart():
    apart = make_article(
        title_fr="Passe ton mot", body_fr="Un mot, puis plus tard passe."
    )
    phrase = make_article(title_fr="Compte", body_fr="Changer le mot de passe.")
    assert keys(engine.search("mot de passe", "fr")) == [phrase.key, apart.key]


def test_stop_words_are_not_needed_for_an_article_to_match():
    article = make_article(title_fr="Réinitialiser le mot de passe")
    assert keys(engine.search("pourquoi je dois réinitialiser", "fr")) == [article.key]


def test_a_stop_word_typed_without_its_accent_matches_nothing():
    article = make_article(title_fr="Résilier l’abonnement")
    make_article(title_fr="Écrire à l’équipe")
    results = engine.search("abonnement a", "fr")
    assert (keys(results), results.total) == ([article.key], 1)


def a_page_with_both_words_and_one_with_one():
    """As many articles with "reset" and "password" as a page needs, and
    one with "password" alone."""
    category = make_category()
    for _number in range(engine.ENOUGH_WITH_EVERY_WORD):
        make_article(category, title_en="Reset your password")
    make_article(category, title_en="Password rules")


def test_articles_with_some_words_are_left_out_when_a_page_has_every_word():
    a_page_with_both_words_and_one_with_one()
    results = engine.search("reset password", "en")
    assert results.total == engine.ENOUGH_WITH_EVERY_WORD
    assert "Password rules" not in [hit.article.title_en for hit in results.hits]


def test_articles_with_some_words_come_back_when_few_have_every_word():
    category = make_category()
    for _number in range(engine.ENOUGH_WITH_EVERY_WORD - 1):
        make_article(category, title_en="Reset your password")
    rules = make_article(category, title_en="Password rules")
    results = engine.search("reset password", "en")
    assert results.total == engine.ENOUGH_WITH_EVERY_WORD
    assert keys(results)[-1] == rules.key


def test_a_word_no_article_has_does_not_stop_articles_with_every_other_word():
    a_page_with_both_words_and_one_with_one()
    # "quickly" is in no article, nor near a word of one: the articles with
    # both other words are the best there is, and there are enough of them.
    results = engine.search("quickly reset password", "en")
    assert results.total == engine.ENOUGH_WITH_EVERY_WORD
    assert "Password rules" not in [hit.article.title_en for hit in results.hits]
    assert not results.corrected


def test_words_are_not_left_out_while_the_vocabulary_lacks_some_articles():
    # After an upgrade, articles indexed before the vocabulary existed are
    # not in it until `render_articles`: their words are not known absent.
    article = make_article(title_en="Reset your password")
    SearchTerm.objects.all().delete()
    SearchDocument.objects.update(words=None)
    assert keys(engine.search("reset password", "en")) == [article.key]


def test_a_search_of_words_no_article_has_finds_nothing():
    make_article(title_en="Reset your password")
    assert engine.search("quickly zzzz", "en").total == 0
    assert engine.search('quickly "zzzz password"', "en").total == 0


def test_fallback_articles_come_in_the_home_page_order_up_to_the_limit():
    second = make_category(position=2)
    first = make_category(position=1)
    later = make_article(second, title_en="Later", position=0)
    make_article(first, title_en="", title_fr="Pas en anglais", position=0)
    earlier = [make_article(first, title_en=f"Earlier {n}", position=n) for n in (5, 1)]
    found = engine.fallback_candidates("en", limit=3)
    assert found == [earlier[1], earlier[0], later]
    assert engine.fallback_candidates("en", limit=1) == [earlier[1]]
