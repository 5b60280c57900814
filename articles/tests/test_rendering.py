import re
from html.parser import HTMLParser

import nh3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import rendering
from articles.links import articles_pending
from articles.models import article_url
from articles.rendering import Rendered, RenderError, plain_text, render

from .helpers import make_article


@pytest.fixture(autouse=True)
def _cleaner_built_in_the_test(monkeypatch):
    """The module builds its nh3 cleaner once, at import; build it again here
    so that the code under test (and a mutant of it) is what cleans."""
    monkeypatch.setattr(rendering, "_CLEANER", rendering._cleaner())


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


def test_a_level_one_heading_stays_in_the_table_of_contents_as_h2():
    result = render("# Top\n\ntext\n\n## Next\n\nmore", "en")
    assert result.toc_html == (
        '<div class="toc">\n<ul>\n'
        '<li><a href="#top">Top</a></li>\n'
        '<li><a href="#next">Next</a></li>\n'
        "</ul>\n</div>\n"
    )


def test_a_level_one_heading_keeps_the_anchor_its_editor_gave_it():
    html = render("# Top {: #start-here }\n\ntext", "en").html
    assert html.startswith('<h2 id="start-here">Top</h2>')


def test_the_table_of_contents_lists_h2_and_h3_but_not_deeper_headings():
    result = render("## Two\n\n### Three\n\n#### Four\n\n##### Five", "en")
    assert result.toc_html == (
        '<div class="toc">\n<ul>\n'
        '<li><a href="#two">Two</a><ul>\n'
        '<li><a href="#three">Three</a></li>\n'
        "</ul>\n</li>\n</ul>\n</div>\n"
    )


def test_headings_below_the_table_of_contents_still_get_anchors():
    html = render("## Two\n\n#### Four", "en").html
    assert html == '<h2 id="two">Two</h2>\n<h4 id="four">Four</h4>'


@pytest.mark.parametrize("source", ["", None])
def test_an_empty_body_renders_to_nothing(source):
    assert render(source, "en") == Rendered(html="", toc_html="")


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


# Each tag in a place where an HTML parser keeps it: table parts in a table,
# list items in a list...
_IN_CONTEXT = {
    "caption": "<table><caption>{}</caption></table>",
    "col": "<table><colgroup>{}</colgroup></table>",
    "colgroup": "<table>{}</table>",
    "thead": "<table>{}</table>",
    "tbody": "<table>{}</table>",
    "tfoot": "<table>{}</table>",
    "tr": "<table><tbody>{}</tbody></table>",
    "td": "<table><tbody><tr>{}</tr></tbody></table>",
    "th": "<table><tbody><tr>{}</tr></tbody></table>",
    "li": "<ul>{}</ul>",
    "dt": "<dl>{}</dl>",
    "dd": "<dl>{}</dl>",
    "summary": "<details>{}</details>",
    "rp": "<ruby>{}</ruby>",
    "rt": "<ruby>{}</ruby>",
    "rtc": "<ruby>{}</ruby>",
}


def _every_tag(tags, attributes=""):
    """Raw HTML holding each of `tags` once, with `attributes` on each."""
    return "<div>{}</div>".format(
        "".join(
            _IN_CONTEXT.get(tag, "{}").format(f"<{tag} {attributes}>x</{tag}>")
            for tag in sorted(tags)
        )
    )


ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6", "hr", "img", "kbd", "li",
    "mark", "ol", "p", "pre", "s", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip


def test_only_the_allowed_tags_reach_readers():
    candidates = nh3.ALLOWED_TAGS | DANGEROUS_TAGS | {"h1", "section", "font"}
    parser = _Collector()
    parser.feed(render(_every_tag(candidates), "en").html)
    assert set(parser.tags) == ALLOWED_TAGS


def test_only_the_allowed_attributes_reach_readers():
    candidates = set().union(*nh3.ALLOWED_ATTRIBUTES.values()) | {
        "id", "style", "target", "rel", "onclick", "title", "alt", "lang",
        "dir", "reversed", "type", "open", "name", "srcset", "download",
        "data-x", "aria-label", "role", "tabindex", "hidden",
    }  # fmt: skip
    attributes = " ".join(f'{name}="1"' for name in sorted(candidates))
    parser = _Collector()
    parser.feed(render(_every_tag(ALLOWED_TAGS, attributes), "en").html)
    kept = {(tag, name) for tag, name, _value in parser.attributes}
    specific = {
        ("a", "href"), ("img", "src"), ("img", "alt"), ("img", "width"),
        ("img", "height"), ("ol", "start"), ("h2", "id"), ("h3", "id"),
        ("h4", "id"), ("h5", "id"), ("h6", "id"),
    }  # fmt: skip
    # lang and title: nh3's default attributes of every tag.
    generic = {(tag, name) for tag in ALLOWED_TAGS for name in ("lang", "title")}
    assert kept == specific | generic


def test_only_admonition_classes_reach_readers():
    source = (
        '<div class="admonition note tip warning toc hidden">x</div>\n\n'
        '<p class="admonition-title note">y</p>\n\n'
        'z <span class="note">z</span>'
    )
    assert render(source, "en").html == (
        '<div class="admonition note tip warning toc">x</div>\n\n'
        '<p class="admonition-title">y</p>\n\n'
        "<p>z <span>z</span></p>"
    )


def test_html_comments_never_reach_readers():
    source = "Before <!-- editor's note --> after\n\n<!-- a block comment -->"
    assert render(source, "en").html == "<p>Before  after</p>\n"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x",
        "https://example.com/x",
        "mailto:help@example.com",
        "/fr/accounts/password/reset/",
        "#top",
    ],
)
def test_web_mail_relative_and_anchor_links_are_kept_as_written(url):
    assert render(f"[x]({url})", "en").html == f'<p><a href="{url}">x</a></p>'


@pytest.mark.parametrize(
    "url", ["ftp://example.com/x", "tel:+33123456789", "sms:+33123456789", "irc://x"]
)
def test_links_other_than_web_and_mail_lose_their_address(url):
    assert render(f"[x]({url})", "en").html == "<p><a>x</a></p>"


def test_a_surrogate_nh3_cannot_clean_is_an_error_for_the_editor():
    with pytest.raises(RenderError) as error:
        render("Broken \ud800 character", "en")
    assert error.value.problems == ["The text could not be made safe to publish."]


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


def test_route_images_resolve_like_links():
    html = render("![Reset form](route:account_reset_password)", "fr").html
    assert html == '<p><img alt="Reset form" src="/fr/accounts/password/reset/"></p>'


def test_unknown_route_image_is_an_error_naming_it():
    with pytest.raises(RenderError) as error:
        render("![x](route:no_such_page)", "en")
    assert error.value.problems == ["unknown page “route:no_such_page”"]


@pytest.mark.django_db
def test_article_images_resolve_like_links():
    target = make_article(title_fr="Changer le mot")
    html = render(f"![see](article:{target.key})", "fr", article_url).html
    url = f"/fr/articles/{target.pk}-changer-le-mot/"
    assert html == f'<p><img alt="see" src="{url}"></p>'


@pytest.mark.django_db
def test_unknown_article_image_is_an_error_naming_it():
    with pytest.raises(RenderError) as error:
        render("![x](article:no-such-article)", "en", article_url)
    assert error.value.problems == ["unknown article “article:no-such-article”"]


@pytest.mark.django_db
def test_every_broken_link_is_reported_in_order_in_one_message():
    with pytest.raises(RenderError) as error:
        render(
            "[a](route:no_such_page) [b](article:no-such-article)", "en", article_url
        )
    assert str(error.value) == (
        "unknown page “route:no_such_page”; unknown article “article:no-such-article”"
    )


@pytest.mark.django_db
def test_broken_links_are_reported_in_the_language_being_rendered():
    with pytest.raises(RenderError) as error:
        render(
            "[a](route:no_such_page) [b](article:no-such-article)", "fr", article_url
        )
    assert error.value.problems == [
        "page inconnue «\u00a0route:no_such_page\u00a0»",
        "article inconnu «\u00a0article:no-such-article\u00a0»",
    ]


@pytest.mark.django_db
def test_an_article_link_without_id_or_key_is_refused_without_a_lookup(
    django_assert_num_queries,
):
    with django_assert_num_queries(0), pytest.raises(RenderError) as error:
        render("[x](article:)", "en", article_url)
    assert error.value.problems == ["unknown article “article:”"]


@pytest.mark.django_db
def test_a_link_to_an_article_imported_in_the_same_batch_is_a_placeholder():
    with articles_pending(["imported-later"]):
        html = render("[x](article:imported-later)", "en", article_url).html
    assert html == '<p><a href="#">x</a></p>'


def test_mailto_and_https_links_are_kept():
    html = render("[a](mailto:help@example.com) [b](https://example.com/x)", "en").html
    assert 'href="mailto:help@example.com"' in html
    assert 'href="https://example.com/x"' in html


def test_plain_text_keeps_a_space_where_a_line_broke():
    assert plain_text("<p>one<br>two</p>") == "one two"


def test_plain_text_ends_a_word_where_a_block_ends():
    assert plain_text("<p>one</p>two") == "one two"


def test_plain_text_keeps_words_whole_across_inline_tags():
    assert plain_text("<p>pass<strong>word</strong> re<em>set</em></p>") == (
        "password reset"
    )


def test_plain_text_turns_entities_into_characters():
    assert plain_text("<p>Tom &amp; Jerry &lt;3 caf&#233;</p>") == "Tom & Jerry <3 café"


def test_plain_text_makes_runs_of_white_space_one_space():
    assert plain_text("<p>  one \n\n two\tthree  </p>") == "one two three"


@pytest.mark.parametrize("html", ["", None])
def test_plain_text_of_nothing_is_empty(html):
    assert plain_text(html) == ""


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
