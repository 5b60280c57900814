"""Text that would tie up a worker or crash the renderer is refused with
its reason, wherever it comes from: rendering, the admin's save and
preview, an import (articles/rendering_limits.py; bench/markdown measures
the worst cases that pass)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from articles import rendering_limits
from articles.content_files import import_folder
from articles.models import Article
from articles.rendering import RenderError, render

from .helpers import make_article
from .test_content_files import CATEGORIES, article_file, write
from .test_editorial import CHANGE, admin_data, editor  # noqa: F401 - fixture

BRACKETS = "The text has too many brackets [ or ( without their ] or ) (or nested in each other) to be published: close or remove them."  # noqa: E501
NESTED = "The text is nested too deeply to be published."


def problems_of(source):
    with pytest.raises(RenderError) as error:
        render(source, "en")
    return error.value.problems


@pytest.mark.parametrize(
    "source",
    [
        "[" * 20_000 + "]" * 20_000,  # 30 s of Markdown's time without the limit
        "[" * 2_000,
        "[a](" * 3_000,
        "(" * 5_000 + "x",
    ],
)
def test_unclosed_or_nested_brackets_are_refused(source):
    assert problems_of(source) == [BRACKETS]


def test_brackets_that_close_are_published_however_many():
    html = render("[x] (y) [link](https://example.com/a_(b)) " * 1_000, "en").html
    assert html.count('<a href="https://example.com/a_(b)">link</a>') == 1_000


def test_escaped_brackets_cost_nothing():
    assert rendering_limits.bracket_work("\\[" * 20_000) == 0


def test_list_markers_nested_on_one_line_are_refused_not_a_crash():
    # 3,000 of them raised RecursionError (a 500) without the limit.
    assert problems_of("- " * 3_000 + "x") == [NESTED]


def test_lines_indented_beyond_the_limit_are_refused():
    nested = "".join("  " * level + "- x\n" for level in range(200))
    assert problems_of(nested) == ["A line is indented by 398 columns: at most 160."]


def test_lists_nested_within_the_limit_are_published():
    nested = "".join("    " * level + "- x\n" for level in range(40))
    assert render(nested, "en").html.count("<ul>") == 40


def test_quotes_nested_beyond_the_limit_are_refused():
    assert problems_of(">" * 41 + " x") == ["Quotes are nested 41 deep: at most 40."]


def test_a_text_longer_than_the_limit_is_refused_saying_how_long_in_the_language():
    source = "word " * 10_001
    assert problems_of(source) == [
        "The text is 50,005 characters long: at most 50,000 can be published. "
        "Split it into several articles."
    ]
    with translation.override("fr"), pytest.raises(RenderError) as error:
        render(source, "fr")
    assert "50\xa0005" in error.value.problems[0]


def test_a_text_as_long_as_the_limit_is_published():
    paragraph = "Words (and notes) with a [link](https://example.com). " * 10
    source = (paragraph + "\n\n") * 200
    source = source[: rendering_limits.MAX_LENGTH]
    assert len(source) == rendering_limits.MAX_LENGTH
    assert render(source, "en").html.count("<p>") == 93


@pytest.mark.django_db
def test_saving_refuses_the_text_naming_the_field():
    article = make_article()
    article.body_en = "[" * 20_000
    article.body_fr = "- " * 3_000 + "x"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert error.value.message_dict == {
        "body_en": [BRACKETS],
        # Reported in the language being rendered, like broken links.
        "body_fr": ["Le texte est trop profondément imbriqué pour être publié."],
    }


@pytest.mark.django_db
def test_the_admin_refuses_the_text_and_its_preview_says_why(client, editor):  # noqa: F811
    article = make_article()
    data = admin_data(article, body_en="- " * 3_000 + "x")
    saved = client.post(CHANGE.format(article.pk), data)
    assert saved.status_code == 200
    assert NESTED in saved.content.decode()
    preview = client.post(CHANGE.format(article.pk) + "preview/en/", data)
    assert preview.status_code == 200
    assert preview.context["preview_problems"] == [NESTED]


@pytest.mark.django_db
def test_an_import_rejects_the_file_and_imports_the_others(tmp_path):
    write(tmp_path, "categories.yaml", CATEGORIES)
    write(tmp_path, "good.en.md", article_file("Good"))
    write(tmp_path, "bad.en.md", article_file("Bad", "[" * 20_000))
    report = import_folder(tmp_path)
    assert list(Article.objects.values_list("key", flat=True)) == ["good"]
    [(_label, reason)] = report.rejected
    assert BRACKETS in reason
