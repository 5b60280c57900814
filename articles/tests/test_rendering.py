import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import article_url
from articles.rendering import RenderError, render

from .helpers import make_article


def test_headings_get_anchors_and_a_table_of_contents():
    result = render("## Reset your password\n\ntext\n\n### By email\n\nmore", "en")
    assert '<h2 id="reset-your-password">Reset your password</h2>' in result.html
    assert '<h3 id="by-email">By email</h3>' in result.html
    assert 'href="#reset-your-password"' in result.toc_html
    assert 'href="#by-email"' in result.toc_html


def test_a_single_heading_makes_no_table_of_contents():
    assert render("## Only one\n\ntext", "en").toc_html == ""


def test_markdown_level_one_headings_become_h2_because_the_title_is_h1():
    assert "<h2" in render("# Heading\n\ntext", "en").html
    assert "<h1" not in render("# Heading\n\ntext", "en").html


def test_admonitions_keep_their_classes():
    html = render(
        '!!! note "Remarque"\n    Votre identifiant est votre e-mail.', "fr"
    ).html
    assert '<div class="admonition note">' in html
    assert '<p class="admonition-title">Remarque</p>' in html


@pytest.mark.parametrize("kind", ["note", "tip", "warning"])
def test_each_admonition_kind_is_allowed(kind):
    assert f'class="admonition {kind}"' in render(f"!!! {kind}\n    Text", "en").html


def test_numbered_steps_keep_their_start_number():
    html = render("3. Third\n4. Fourth", "en").html
    assert '<ol start="3">' in html


def test_tables_render():
    html = render("| Symptom | Try |\n|---|---|\n| No email | Spam |", "en").html
    assert "<table>" in html
    assert "<td>No email</td>" in html


def test_fenced_code_works_inside_a_numbered_list():
    source = "1. Open a terminal:\n\n    ```\n    ls -la\n    ```\n\n2. Done"
    html = render(source, "en").html
    assert re.search(
        r"<li>\s*<p>Open a terminal:</p>\s*<pre><code>ls -la</code></pre>", html
    )


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click]( javascript:alert(1))",
        "![x](data:text/html;base64,PHNjcmlwdD4=)",
        "## Title {: onclick=alert(1) }",
        "Paragraph\n{: onmouseover=alert(1) style=color:red }",
        '<a href="vbscript:msgbox(1)">x</a>',
        '<iframe src="https://example.com"></iframe>',
        "<style>body{display:none}</style>",
        '<svg onload="alert(1)"></svg>',
    ],
)
def test_hostile_markdown_is_sanitised(source):
    html = render(source, "en").html
    assert_not_executable(html)


def test_route_links_resolve_in_the_article_language():
    source = "[Reset](route:account_reset_password)"
    assert 'href="/fr/accounts/password/reset/"' in render(source, "fr").html
    assert 'href="/en/accounts/password/reset/"' in render(source, "en").html


def test_unknown_route_is_an_error_naming_the_link():
    with pytest.raises(RenderError) as error:
        render("[x](route:no_such_page)", "en")
    assert "route:no_such_page" in str(error.value)


@pytest.mark.django_db
def test_article_links_resolve_by_id_and_by_key_to_the_language_slug():
    target = make_article(title_en="Change password", title_fr="Changer le mot")
    by_id = render(f"[see](article:{target.pk})", "fr", article_url).html
    by_key = render(f"[see](article:{target.key})", "en", article_url).html
    assert f'href="/fr/articles/{target.pk}-changer-le-mot/"' in by_id
    assert f'href="/en/articles/{target.pk}-change-password/"' in by_key


@pytest.mark.django_db
def test_unknown_article_is_an_error_naming_the_link():
    with pytest.raises(RenderError) as error:
        render("[x](article:987654)", "en", article_url)
    assert "article:987654" in str(error.value)


def test_mailto_and_https_links_are_kept():
    html = render("[a](mailto:help@example.com) [b](https://example.com/x)", "en").html
    assert 'href="mailto:help@example.com"' in html
    assert 'href="https://example.com/x"' in html


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.attributes = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)


DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "svg", "math"}
DANGEROUS_TAGS |= {"form", "input", "button", "base", "meta", "link", "frame"}


def assert_not_executable(html):
    parser = _Collector()
    parser.feed(html)
    assert not DANGEROUS_TAGS & set(parser.tags), html
    for tag, name, value in parser.attributes:
        assert not name.startswith("on"), (tag, name, html)
        assert name not in {"style", "srcdoc", "formaction"}, (tag, name, html)
        if name in {"href", "src"}:
            scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower().split(":", 1)
            if len(scheme) == 2 and "/" not in scheme[0]:
                assert scheme[0] in {"http", "https", "mailto"}, (tag, value, html)


_hostile_pieces = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<scr<script>ipt>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<a href='javascript:alert(1)'>x</a>",
        "[x](javascript:alert(1))",
        "[x](jav&#x09;ascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "![x](javascript:alert(1))",
        "{: onclick=alert(1) }",
        "{: style=x }",
        '<div onclick="x">',
        "</div>",
        "<iframe>",
        "<svg/onload=alert(1)>",
        "<!-- comment -->",
        "<style>*{}</style>",
        "!!! note\n    ",
        "```\n<script>\n```",
        "\n\n## heading\n\n",
        "1. step\n",
        "| a | b |\n|---|---|\n| <b onclick=1>c</b> | d |\n",
        '<a href="data:text/html,<script>alert(1)</script>">d</a>',
        "<math><mi xlink:href='javascript:1'>x</mi></math>",
        "<form action=javascript:1><button>x</button></form>",
        "\x00",
        "\u202e",
    ]
)
_markdown_soup = st.lists(
    st.one_of(_hostile_pieces, st.text(max_size=30)), max_size=12
).map("".join)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(source=_markdown_soup)
def test_random_and_hostile_markdown_never_renders_executable_html(source):
    try:
        result = render(source, "en")
    except RenderError:
        return  # refusing to render is safe
    assert_not_executable(result.html)
    assert_not_executable(result.toc_html)
