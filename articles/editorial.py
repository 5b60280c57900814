"""Editors' tools behind the admin: translation freshness, previews of
unsaved text, and differences between two versions of an article."""

import difflib
import re

from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language_info, gettext

from . import rendering
from .models import (
    DEFAULT_LANGUAGE,
    LANGUAGE_CODES,
    Article,
    Category,
    Image,
    referenced_keys,
)

COMPARED_FIELDS = ("title", "slug", "summary", "body")
# Fields shared by every language, compared too: a status-only change is one.
SHARED_FIELDS = ("status", "publish_at", "category", "position", "key")
# A site link in Markdown source: `route:<name>`, `article:<id or key>` or
# `image:<key>`.
_SITE_LINK = re.compile(
    "("
    + "|".join(
        re.escape(prefix)
        for prefix in (
            rendering.ROUTE_PREFIX,
            rendering.ARTICLE_PREFIX,
            rendering.IMAGE_PREFIX,
        )
    )
    + r")([^\s()<>\"']*)"
)


def with_freshness(queryset, language, state):
    """Articles whose `language` translation is in `state` (Article.Freshness)."""
    missing = Q(**{f"title_{language}": ""}) | Q(**{f"title_{language}__isnull": True})
    if state == Article.Freshness.MISSING:
        return queryset.filter(missing)
    behind = Q(**{f"translated_edition_{language}__isnull": True}) | Q(
        **{f"translated_edition_{language}__lt": F("source_edition")}
    )
    if state == Article.Freshness.OUTDATED:
        return queryset.exclude(missing).filter(behind)
    return queryset.exclude(missing).exclude(behind)


def language_links(article):
    """Per language: its name, its public page and its translation state."""
    links = []
    for code in LANGUAGE_CODES:
        saved = article is not None and article.has_translation(code)
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_translated"],
                "public_url": article.url_in(code) if saved else None,
                "freshness": article.freshness(code).label if article else None,
            }
        )
    return links


def state_label(article):
    """The article's status, and what is pending: "Published · waiting for
    review" (one column of the article list)."""
    parts = [article.get_status_display()]
    copy = getattr(article, "working_copy", None)
    if article.submitted_at:
        parts.append(gettext("waiting for review"))
    elif article.review_comment:
        parts.append(gettext("sent back"))
    elif copy is not None and copy.publish_at is None:
        parts.append(gettext("draft changes"))
    if copy is not None and copy.publish_at is not None:
        parts.append(
            gettext("changes go live %(date)s")
            % {
                "date": date_format(
                    timezone.localtime(copy.publish_at), "SHORT_DATETIME_FORMAT"
                )
            }
        )
    elif article.publish_at and article.publish_at > timezone.now():
        parts.append(
            gettext("goes live %(date)s")
            % {
                "date": date_format(
                    timezone.localtime(article.publish_at), "SHORT_DATETIME_FORMAT"
                )
            }
        )
    return " · ".join(parts)


def preview_context(article, data, language):
    """Context for the reader's article template, from unsaved form `data`."""
    if article.pk == 0:
        article.key = slugify(data.get("key", "")) or "preview"
    for name in ("title", "summary", "body"):
        for code in LANGUAGE_CODES:
            key = f"{name}_{code}"
            if key in data:
                setattr(article, key, data[key])
    category_id = data.get("category", "")
    # What the form sent, unchecked: only a number can name a category.
    category = (
        Category.objects.filter(pk=int(category_id)).first()
        if category_id.isascii() and category_id.isdigit()
        else None
    )
    article.category = category or Category(title="—", pk=0, key="preview")
    problems = []
    try:
        rendered = article.rendered_in(language)
    except rendering.RenderError as error:
        problems = error.problems
        rendered = rendering.Rendered(html="", toc_html="")
    setattr(article, f"body_html_{language}", rendered.html)
    setattr(article, f"toc_html_{language}", rendered.toc_html)
    return {
        "article": article,
        "preview": True,
        "preview_problems": problems,
        "translated": article.has_translation(language),
        "updated_at": timezone.now(),
        "alternates": {},
    }


def pick_versions(versions, query):
    """The two versions to compare: `?a=&b=` revision ids (what the history
    page lists), else the last two."""
    by_id = {str(version.revision_id): version for version in versions}
    ordered = list(versions)  # newest first
    newer = by_id.get(query.get("b")) or (ordered[0] if ordered else None)
    older = by_id.get(query.get("a"))
    if older is None and newer is not None:
        position = ordered.index(newer)
        older = ordered[position + 1] if position + 1 < len(ordered) else None
    return older, newer


def version_numbers(versions):
    """Each version's number, the first one 1 (`versions`: newest first)."""
    ordered = list(versions)
    return {version: len(ordered) - index for index, version in enumerate(ordered)}


def _line_changes(old, new):
    lines = difflib.unified_diff(
        (old or "").splitlines(), (new or "").splitlines(), lineterm="", n=2
    )
    changes = []
    for line in list(lines)[2:]:  # skip the ---/+++ file headers
        if line.startswith("@@"):
            changes.append(("gap", "…"))
        elif line.startswith("+"):
            changes.append(("added", line[1:]))
        elif line.startswith("-"):
            changes.append(("removed", line[1:]))
        else:
            changes.append(("same", line[1:]))
    return changes


def _shown(field, value):
    """A shared field's stored value as editors know it."""
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.name == "category":
        category = Category.objects.filter(pk=value).first()
        return str(category) if category else str(value)
    if field.name == "publish_at":
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


def shared_differences(older, newer):
    """The language-independent fields that differ between two versions."""
    if older is None or newer is None:
        return []
    before, after = older.field_dict, newer.field_dict
    changes = []
    for name in SHARED_FIELDS:
        field = Article._meta.get_field(name)
        key = field.attname
        if before.get(key) != after.get(key):
            changes.append(
                {
                    "name": field.verbose_name,
                    "before": _shown(field, before.get(key)),
                    "after": _shown(field, after.get(key)),
                }
            )
    return changes


def differences(older, newer):
    """Per language, the fields that differ between two versions, line by line."""
    if older is None or newer is None:
        return []
    before, after = older.field_dict, newer.field_dict
    result = []
    for code in LANGUAGE_CODES:
        fields = []
        for name in COMPARED_FIELDS:
            key = f"{name}_{code}"
            if before.get(key) != after.get(key):
                fields.append(
                    {
                        "name": Article._meta.get_field(key).verbose_name,
                        "changes": _line_changes(before.get(key), after.get(key)),
                    }
                )
        result.append(
            {
                "code": code,
                "name": get_language_info(code)["name_translated"],
                "fields": fields,
            }
        )
    return result


def unresolved_links(articles):
    """The `articles` (all of them) whose Markdown names a page or an
    article that does not exist: a scan of the sources, so that only these
    are rendered again (rendering every article would make the page slow
    on a large help center)."""
    ids = {str(article.pk) for article in articles}
    keys = {article.key for article in articles}
    image_keys = set(
        Image.objects.filter(files__isnull=False).values_list("key", flat=True)
    )
    routes = {}

    def resolves(prefix, target):
        if prefix == rendering.ARTICLE_PREFIX:
            return target in ids or target in keys
        if prefix == rendering.IMAGE_PREFIX:
            return target in image_keys
        if target not in routes:
            routes[target] = rendering.resolve_route(target) is not None
        return routes[target]

    return [
        article
        for article in articles
        if not all(
            resolves(prefix, target)
            for code in LANGUAGE_CODES
            for prefix, target in _SITE_LINK.findall(
                getattr(article, f"body_{code}") or ""
            )
        )
    ]


def unused_images(articles):
    """The images no article's Markdown shows, in any language: to delete."""
    shown = {
        key
        for article in articles
        for code in LANGUAGE_CODES
        for key in referenced_keys(getattr(article, f"body_{code}"))
    }
    return list(Image.objects.exclude(key__in=shown).order_by("key"))


# Sections other apps add to the content-health page, from their
# AppConfig.ready(): (template name, function giving its context).
_health_sections = []


def add_health_section(template_name, context):
    """Show `template_name` on the content-health page, with `context()`."""
    _health_sections.append((template_name, context))


def content_health():
    """What editors should fix: translations missing or out of date, articles
    whose links no longer resolve, and what other apps add (the least
    helpful articles, searches that found nothing)."""
    articles = list(Article.objects.select_related("category").order_by("key"))
    translations = [
        {"article": article, "code": code, "state": article.freshness(code)}
        for article in articles
        for code in LANGUAGE_CODES
        if code != DEFAULT_LANGUAGE
        and article.freshness(code) != Article.Freshness.UP_TO_DATE
    ]
    broken = [
        {"article": article, "problems": problems}
        for article in unresolved_links(articles)
        if (problems := article.render_problems())
    ]
    return {
        "translations": translations,
        "broken_links": broken,
        "unused_images": unused_images(articles),
        "sections": [
            {"template": template_name, **context()}
            for template_name, context in _health_sections
        ],
    }
