"""French typography at render time: non-breaking spaces around « : ; ! ? »
in the text of articles, never in code."""

from articles import typography
from articles.rendering import render

NBSP = "\u00a0"


def test_french_text_gets_a_non_breaking_space_before_high_punctuation():
    html = render("Attention : vraiment ? Oui ! Bon ; fini.", "fr").html
    assert f"Attention{NBSP}: vraiment{NBSP}? Oui{NBSP}! Bon{NBSP}; fini." in html


def test_french_guillemets_hold_their_words_with_non_breaking_spaces():
    html = render("Cliquez sur « Envoyer » puis sur «OK».", "fr").html
    assert f"«{NBSP}Envoyer{NBSP}» puis sur «{NBSP}OK{NBSP}»" in html


def test_a_closing_guillemet_in_a_table_cell_cannot_wrap_alone():
    source = "| Bouton | Effet |\n|---|---|\n| « Enregistrer » | garde |\n"
    assert f"<td>«{NBSP}Enregistrer{NBSP}»</td>" in render(source, "fr").html


def test_code_and_preformatted_text_keep_their_spaces():
    source = "Tapez `a : b ?` puis :\n\n```\nx = y ? 1 : 2\n```\n"
    html = render(source, "fr").html
    assert "<code>a : b ?</code>" in html
    assert "x = y ? 1 : 2" in html
    assert f"puis{NBSP}:" in html


def test_the_table_of_contents_gets_french_typography_too():
    rendered = render("## Pourquoi ?\n\nA\n\n## Comment ?\n\nB", "fr")
    assert f"Pourquoi{NBSP}?" in rendered.toc_html


def test_english_text_is_left_as_written():
    assert "Really ? Yes !" in render("Really ? Yes !", "en").html


def test_attributes_are_not_changed():
    html = '<a href="https://example.com/?a=b" title="x ?">lien ?</a>'
    assert typography.apply(html, "fr") == (
        f'<a href="https://example.com/?a=b" title="x ?">lien{NBSP}?</a>'
    )
