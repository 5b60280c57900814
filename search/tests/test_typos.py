"""Typos corrected against the vocabulary of the reader's language
(vocabulary.py), on whichever database the suite runs on."""

import pytest

from articles.models import Article
from articles.tests.helpers import make_article
from search import engine
from search.models import SearchQuery, SearchTerm

pytestmark = pytest.mark.django_db


def keys(results):
    return [hit.article.key for hit in results.hits]


def test_a_word_with_one_typo_is_corrected_to_the_nearest_indexed_word():
    article = make_article(title_en="Change your password")
    results = engine.search("pasword", "en")
    assert (results.corrected, keys(results)) == ("password", [article.key])


def test_long_words_take_two_typos_and_a_swap_counts_as_one():
    notifications = make_article(title_en="Turn off notifications")
    connexion = make_article(title_fr="Problème de connexion")
    assert keys(engine.search("notifcatoins", "en")) == [notifications.key]
    assert engine.search("connexoin", "fr").corrected == "connexion"
    assert keys(engine.search("connexoin", "fr")) == [connexion.key]


def test_short_words_are_not_corrected_and_far_words_are_not_either():
    make_article(title_en="Change your password and your pin")
    assert engine.search("pim", "en").corrected == ""
    assert engine.search("passmark", "en").corrected == ""


def test_accents_do_not_count_as_typos():
    article = make_article(title_fr="Réinitialiser le mot de passe")
    results = engine.search("reinitialser", "fr")
    assert (results.corrected, keys(results)) == ("reinitialiser", [article.key])


def test_known_words_and_their_forms_are_left_alone():
    make_article(title_en="Change your password", body_en="Billing address.")
    assert engine.search("passwords addresses", "en").corrected == ""


def test_correction_uses_the_reader_language_vocabulary_only():
    make_article(title_en="Change your password", title_fr="Facture", body_fr="")
    assert engine.search("pasword", "fr").corrected == ""


def test_the_most_common_of_equally_near_words_wins():
    make_article(title_en="Your account")
    make_article(title_en="Account settings")
    make_article(title_en="Amount due")
    assert engine.search("acount", "en").corrected == "account"


def test_searching_exactly_keeps_the_typo():
    make_article(title_en="Change your password")
    results = engine.search("pasword", "en", exact=True)
    assert (results.corrected, results.total) == ("", 0)


def test_the_corrected_query_keeps_the_other_words_as_typed():
    make_article(title_en="Schedule a message")
    results = engine.search("Shedule my mesage!", "en")
    assert results.corrected == "schedule my message!"


def test_the_vocabulary_follows_articles_saved_unpublished_and_deleted():
    article = make_article(title_en="Quarantine folder", body_en="")
    other = make_article(title_en="Quarantine rules", body_en="")
    counts = dict(
        SearchTerm.objects.filter(language="en").values_list("word", "documents")
    )
    assert (counts["quarantine"], counts["folder"]) == (2, 1)
    article.title_en = "Spam box"
    article.save()
    words = dict(
        SearchTerm.objects.filter(language="en").values_list("word", "documents")
    )
    assert (words["quarantine"], "folder" in words, words["spam"]) == (1, False, 1)
    other.status = Article.Status.DRAFT
    other.save()
    article.delete()
    assert not SearchTerm.objects.filter(word__in=["quarantine", "spam"]).exists()


def test_suggestions_forgive_typos_too():
    make_article(title_en="Change your password")
    assert [found["title"] for found in engine.suggest("pasword", "en")] == [
        "Change your password"
    ]
    assert [found["title"] for found in engine.suggest("chnage pass", "en")] == [
        "Change your password"
    ]


def test_corrected_searches_are_logged_with_their_correction(client):
    make_article(title_en="Change your password")
    client.get("/en/search/", {"q": "Pasword"})
    assert SearchQuery.objects.values_list("query", "corrected", "results").get() == (
        "pasword",
        "password",
        1,
    )


def test_the_page_says_what_it_searched_instead_with_both_links(client):
    make_article(title_en="Change your password")
    page = client.get("/en/search/", {"q": "pasword"}).content.decode()
    assert (
        'Showing results for <a href="/en/search/?q=password"><em>password</em></a>.'
        in page
    )
    assert (
        'Search instead for <a href="/en/search/?q=pasword&amp;exact=1">pasword</a>.'
        in page
    )
    exact = client.get("/en/search/", {"q": "pasword", "exact": "1"}).content
    assert b"Showing results for" not in exact


def test_few_results_say_how_many_the_other_languages_have(client):
    make_article(title_en="Change your password", title_fr="Changer de code")
    make_article(title_en="Password rules", title_fr="Règles du code")
    results = engine.search("password", "fr")
    assert results.total == 0
    [english] = results.elsewhere
    assert (english.language, english.total, english.url) == (
        "en",
        2,
        "/en/search/?q=password",
    )
    page = client.get("/fr/search/", {"q": "password"}).content.decode()
    assert (
        '<a href="/en/search/?q=password" hreflang="en">Anglais\xa0: 2 articles'
        " trouvés</a>"
    ) in page


def test_enough_results_do_not_look_elsewhere():
    for _number in range(3):
        make_article(title_en="Password", title_fr="Password")
    assert engine.search("password", "fr").elsewhere == []
