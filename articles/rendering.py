"""Markdown -> sanitised HTML + table of contents, done once when an article is
saved. Links to the site's own pages are written as `route:<url name>` or
`article:<id or key>` and resolved here, in the language being rendered:
routes by the URLconf, articles by the function the caller passes in (this
module knows no model). Images are written `![alt](image:<key>)` and become
responsive <img> elements from what the caller's `image` function gives."""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from . import rendering_limits, typography

ROUTE_PREFIX = "route:"
ARTICLE_PREFIX = "article:"
IMAGE_PREFIX = "image:"
# How wide images are shown: the article column at most (static/css).
IMAGE_SIZES = "(min-width: 48rem) 46rem, 100vw"

_ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6", "hr", "img", "kbd", "li",
    "mark", "ol", "p", "pre", "s", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {
        "src",
        "alt",
        "title",
        "width",
        "height",
        "srcset",
        "sizes",
        "loading",
        "decoding",
    },
    "ol": {"start"},
    "abbr": {"title"},
    **{heading: {"id"} for heading in _HEADINGS},
}
_ALLOWED_CLASSES = {
    "div": {"admonition", "note", "tip", "warning", "toc"},
    "p": {"admonition-title"},
}


class RenderError(ValueError):
    """The Markdown cannot be published as is; `problems` says why, per link."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass
class ImageRef:
    """What an `image:<key>` shows: URLs already made for the reader's language."""

    src: str
    srcset: str
    width: int
    height: int
    alt: str


@dataclass
class Rendered:
    html: str
    toc_html: str


# What _SiteImages writes is all these attributes may hold: raw HTML in the
# Markdown gets no other value through (srcset's URLs escape url_schemes).
_SRCSET_CANDIDATE = re.compile(r"(?:/|https?://)[^\s,]+ \d+w")
_IMAGE_ATTRIBUTE_VALUES = {
    "loading": re.compile(r"lazy"),
    "decoding": re.compile(r"async"),
    "sizes": re.compile(re.escape(IMAGE_SIZES)),
    "srcset": re.compile(
        rf"{_SRCSET_CANDIDATE.pattern}(?:, {_SRCSET_CANDIDATE.pattern})*"
    ),
}


def _image_attribute(tag, attribute, value):
    rule = _IMAGE_ATTRIBUTE_VALUES.get(attribute) if tag == "img" else None
    return value if rule is None or rule.fullmatch(value) else None


def _cleaner():
    return nh3.Cleaner(
        attribute_filter=_image_attribute,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        allowed_classes=_ALLOWED_CLASSES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


_CLEANER = _cleaner()


def sanitise(html):
    """Clean untrusted HTML; nh3's Rust panics surface as BaseException."""
    try:
        return _CLEANER.clean(html)
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise RenderError([_("The text could not be made safe to publish.")]) from exc


def resolve_route(target):
    """The URL of a named route of this site, in the active language."""
    try:
        return reverse(target)
    except NoReverseMatch:
        return None


class _SiteLinks(Treeprocessor):
    def __init__(self, md, problems, article_url):
        super().__init__(md)
        self.problems = problems
        self.article_url = article_url

    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None:
                    element.set(attribute, self._resolve(value.strip()))

    def _resolve(self, value):
        for prefix, resolver, message in (
            (ROUTE_PREFIX, resolve_route, _("unknown page “%(link)s”")),
            (ARTICLE_PREFIX, self.article_url, _("unknown article “%(link)s”")),
        ):
            if value.startswith(prefix):
                target = value.removeprefix(prefix)
                url = resolver(target) if target else None
                if url is None:
                    self.problems.append(message % {"link": value})
                    return ""
                return url
        return value


class _SiteImages(Treeprocessor):
    """`image:<key>` sources become the image's variants, with the size the
    page reserves (no jump as it loads); only the first image may be in view
    when the page opens, the others load as the reader scrolls to them."""

    def __init__(self, md, problems, image):
        super().__init__(md)
        self.problems = problems
        self.image = image

    def run(self, root):
        first = True
        for element in root.iter("img"):
            value = (element.get("src") or "").strip()
            if not value.startswith(IMAGE_PREFIX):
                continue
            target = value.removeprefix(IMAGE_PREFIX)
            found = self.image(target) if target else None
            if found is None:
                self.problems.append(_("unknown image “%(link)s”") % {"link": value})
                element.set("src", "")
                continue
            element.set("src", found.src)
            element.set("srcset", found.srcset)
            element.set("sizes", IMAGE_SIZES)
            element.set("width", str(found.width))
            element.set("height", str(found.height))
            element.set("alt", element.get("alt") or found.alt)
            element.set("decoding", "async")
            if not first:
                element.set("loading", "lazy")
            first = False


class _DemoteTitles(Treeprocessor):
    """The article title is the page's only h1: a Markdown `#` becomes h2."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _HelpCenterExtension(Extension):
    def __init__(self, problems, article_url, image):
        super().__init__()
        self.problems = problems
        self.article_url = article_url
        self.image = image

    def extendMarkdown(self, md):
        # After inline links exist (priority 20), before TOC builds anchors (5).
        md.treeprocessors.register(
            _SiteImages(md, self.problems, self.image), "site_images", 16
        )
        md.treeprocessors.register(
            _SiteLinks(md, self.problems, self.article_url), "site_links", 15
        )
        md.treeprocessors.register(_DemoteTitles(md), "demote_titles", 14)


def _markdown(problems, article_url, image):
    return markdown.Markdown(
        extensions=[
            "admonition",
            "attr_list",
            "sane_lists",
            "tables",
            "pymdownx.highlight",
            "pymdownx.superfences",
            "toc",
            _HelpCenterExtension(problems, article_url, image),
        ],
        extension_configs={
            "toc": {"toc_depth": "2-3"},
            "pymdownx.highlight": {"use_pygments": False},
        },
        output_format="html",
    )


def no_articles(target):
    """An `article_url` for text that may not link to articles."""
    return None


def no_images(target):
    """An `image` for text that may not show images."""
    return None


def render(source, language, article_url=no_articles, image=no_images):
    """Render Markdown for readers of `language`; raise RenderError on bad
    links or text beyond the limits (rendering_limits). `article_url(target)`
    gives the URL of the article an `article:<target>` link names, in the
    active language, or None when there is none; `image(target)` the
    ImageRef an `image:<target>` names, for readers of the active language,
    or None."""
    source = source or ""
    problems = []
    md = _markdown(problems, article_url, image)
    # Problems are reported in the language being rendered.
    with translation.override(language):
        if refused := rendering_limits.problems(source):
            raise RenderError(refused)
        try:
            html = md.convert(source)
        except RecursionError as error:
            raise RenderError(
                [_("The text is nested too deeply to be published.")]
            ) from error
        if problems:
            raise RenderError(problems)
        # A table of contents with a single entry is noise.
        has_toc = sum(1 + len(token["children"]) for token in md.toc_tokens) >= 2
        toc = sanitise(md.toc) if has_toc else ""
        return Rendered(
            html=typography.apply(sanitise(html), language),
            toc_html=typography.apply(toc, language),
        )


class _TextExtractor(HTMLParser):
    # Block elements end a word: "<li>one</li><li>two</li>" is "one two".
    _BLOCKS = {
        "blockquote", "br", "dd", "div", "dt", "h2", "h3", "h4", "h5", "h6",
        "hr", "li", "p", "pre", "td", "th", "tr",
    }  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces = []

    def handle_starttag(self, tag, attrs):
        if tag in self._BLOCKS:
            self.pieces.append(" ")

    def handle_endtag(self, tag):
        self.handle_starttag(tag, ())

    def handle_data(self, data):
        self.pieces.append(data)


def plain_text(html):
    """The words a reader sees in rendered `html`, for search: no tags, no
    entities, runs of white space made one space."""
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    return " ".join("".join(extractor.pieces).split())
