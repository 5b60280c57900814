"""How words are compared (no database): accents, case, stop words, stemming,
the query syntax, and snippets that never carry the reader's HTML."""

import re

from hypothesis import given
from hypothesis import strategies as st

from search.backends.analysis import (
    Part,
    highlight,
    opening,
    parse_query,
    snippet,
    term,
    terms,
)


def test_accents_and_case_do_not_matter():
    assert term("Réinitialiser", "fr") == term("reinitialiser", "fr")
    assert term("CŒUR", "fr") == term("coeur", "fr")


def test_french_plural_and_singular_meet():
    # Snowball alone stems "connexions" to "connex" but "connexion" to itself.
    assert term("connexions", "fr") == term("connexion", "fr")
    assert term("paramètres", "fr") == term("parametre", "fr")
    assert term("bureaux", "fr") == term("bureau", "fr")
    assert term("journaux", "fr") == term("journal", "fr")


def test_english_word_forms_meet():
    assert term("passwords", "en") == term("password", "en")
    assert term("logging", "en") == term("log", "en")


def test_stop_words_are_left_out_with_or_without_accents():
    assert terms("Can't log in", "en") == [term("log", "en")]
    assert terms("le mot de passe", "fr") == [term("mot", "fr"), term("passe", "fr")]
    assert terms("etait", "fr") == terms("était", "fr") == []


def test_a_language_without_a_stemmer_still_ignores_accents_and_case():
    assert term("Übung", "xx") == "ubung"


def test_query_words_must_all_match():
    query = parse_query("mot de passe")
    assert query.groups == [[Part(("mot",))], [Part(("de",))], [Part(("passe",))]]


def test_query_quotes_make_a_phrase_and_a_minus_excludes():
    query = parse_query('"mot de passe" -email -"pas ici"')
    assert query.groups == [
        [Part(("mot", "de", "passe"))],
        [Part(("email",), negated=True)],
        [Part(("pas", "ici"), negated=True)],
    ]


def test_query_or_offers_alternatives():
    query = parse_query("email or courriel adresse")
    assert query.groups == [
        [Part(("email",)), Part(("courriel",))],
        [Part(("adresse",))],
    ]


def test_query_syntax_characters_are_punctuation():
    query = parse_query('NEAR(a b) * ^c "unbalanced (')
    assert [part.words for group in query.groups for part in group] == [
        ("NEAR",),
        ("a",),
        ("b",),
        ("c",),
        ("unbalanced",),
    ]


def test_a_query_of_stop_words_or_exclusions_only_is_empty():
    assert parse_query("the of and", prefix=False).is_empty("en")
    assert parse_query("-password", prefix=False).is_empty("en")
    assert not parse_query("password", prefix=False).is_empty("en")


def test_words_joined_by_punctuation_are_words_apart_unless_excluded():
    query = parse_query("e-mail -e-mail")
    assert query.groups == [
        [Part(("e",))],
        [Part(("mail",))],
        [Part(("e", "mail"), negated=True)],
    ]


def test_the_last_word_may_be_unfinished_when_typing():
    query = parse_query("mot de pa", prefix=True)
    assert query.prefix == "pa"
    assert query.groups == [[Part(("mot",))], [Part(("de",))]]
    assert parse_query("mot de pa ", prefix=True).prefix == ""


@given(st.text(max_size=300))
def test_any_query_parses(text):
    query = parse_query(text, prefix=True)
    for group in query.groups:
        for part in group:
            assert all(re.fullmatch(r"[^\W_]+", word) for word in part.words)


def test_highlight_marks_matches_and_escapes_everything_else():
    html = highlight("Use <b>passwords</b> & keys", {term("password", "en")}, "en")
    assert html == "Use &lt;b&gt;<mark>passwords</mark>&lt;/b&gt; &amp; keys"


@given(st.text(max_size=200), st.text(max_size=50))
def test_highlighted_text_never_carries_markup_from_its_input(text, query):
    wanted = parse_query(query).highlight_terms("en")
    html = highlight(text, wanted, "en")
    assert re.sub(r"</?mark>", "", html).count("<") == 0


def test_snippet_is_the_passage_around_the_first_match():
    words = [f"w{number}" for number in range(100)]
    words[50] = "password"
    html = snippet(" ".join(words), {term("password", "en")}, "en", length=10)
    assert html == "… w42 w43 w44 w45 w46 w47 w48 w49 <mark>password</mark> w51 …"


def test_snippet_is_none_without_a_match_and_opening_is_the_start():
    assert snippet("nothing here", {term("password", "en")}, "en") is None
    assert opening("one two three", length=2) == "one two …"
