"""The Git-friendly content format: `categories.yaml` plus one Markdown file
per article per language, `<key>.<lang>.md`, with YAML front matter, and
the images articles show in `images/` (content_images).

Importing is idempotent by key. Each category and each article (all of its
language files together) is imported in its own transaction: a bad file is
reported and rejected without stopping, or half-importing, the others.

A changed file of a live article goes live (rendered, indexed, versioned),
unless the import is a `draft` one: then it becomes the article's working
copy, and articles that are not live are imported as drafts, so readers see
nothing new until someone publishes (articles/publishing.py)."""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import reversion
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import content_images, links, publishing, rendering
from .models import DEFAULT_LANGUAGE, KEY_PATTERN, LANGUAGE_CODES, Article, Category

CATEGORIES_FILE = "categories.yaml"
ARTICLE_FILE = re.compile(rf"^(?P<key>{KEY_PATTERN})\.(?P<language>[a-z-]+)\.md$")
ARTICLE_FIELDS = ("category", "status", "position", "publish_at")
REQUIRED_ARTICLE_FIELDS = ("category", "status", "position")
# `edition`: which edition of the default language's text this file's text
# matches (translation freshness; see Article.freshness).
LANGUAGE_FIELDS = ("title", "slug", "summary", "updated", "edition")
FRONT_MATTER_FIELDS = {*ARTICLE_FIELDS, *LANGUAGE_FIELDS}
CATEGORY_FIELDS = {"key", "position", "title", "slug", "description"}


class ContentError(ValueError):
    """A file cannot be imported; the message says why."""


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    rejected: list = field(default_factory=list)  # (name, reason)


def import_folder(path, *, draft=False):
    folder = Path(path)
    if not folder.is_dir():
        raise ContentError(f"{folder} is not a folder")
    report = ImportReport()
    categories_file = folder / CATEGORIES_FILE
    if categories_file.exists():
        _import_categories(categories_file, report)
    # Before the articles that show them.
    content_images.import_images(
        folder, report, _read_yaml, _per_language, _validation_message
    )
    files_by_key = {}
    for file in sorted(folder.glob("*.md")):
        match = ARTICLE_FILE.match(file.name)
        if not match:
            report.rejected.append((file.name, "name is not <key>.<language>.md"))
        elif match["language"] not in LANGUAGE_CODES:
            report.rejected.append(
                (file.name, f"unknown language “{match['language']}”")
            )
        else:
            files_by_key.setdefault(match["key"], {})[match["language"]] = file
    articles_report = _import_articles(files_by_key, draft)
    for outcome in ("created", "updated", "unchanged", "rejected"):
        getattr(report, outcome).extend(getattr(articles_report, outcome))
    return report


class _LinksBroken(Exception):
    def __init__(self, rejected):
        self.rejected = rejected


def _import_articles(files_by_key, draft):
    """Import articles that may link to each other (`article:<key>`).

    Links to other articles of the batch are accepted while they are saved,
    then every saved article is rendered again with the real URLs. If that
    fails because a linked article was rejected, the batch is rolled back and
    imported again without the articles that link to it."""
    excluded = []
    while True:
        report = ImportReport()
        keys = [key for key in files_by_key if key not in dict(excluded)]
        try:
            with transaction.atomic():
                with links.articles_pending(keys):
                    for key in keys:
                        _import_article(key, files_by_key[key], report, draft)
                _render_again(report.created + report.updated)
        except _LinksBroken as broken:
            excluded.extend(broken.rejected)
            continue
        report.rejected.extend((f"article {key}", reason) for key, reason in excluded)
        return report


def _render_again(labels):
    keys = [label.removeprefix("article ") for label in labels]
    rejected = []
    for article in Article.objects.filter(key__in=keys):
        try:
            article.save()
        except rendering.RenderError as error:
            rejected.append((article.key, "; ".join(error.problems)))
    if rejected:
        raise _LinksBroken(rejected)


def _snapshot(instance, names):
    return {name: getattr(instance, name) for name in names}


def _save_if_changed(instance, names, label, report, *, as_copy=False):
    """full_clean + save in one transaction (`as_copy`: as the article's
    working copy); file the outcome in `report`."""
    is_new = instance.pk is None
    before = (
        {} if is_new else _snapshot(type(instance).objects.get(pk=instance.pk), names)
    )
    if not is_new and before == _snapshot(instance, names):
        report.unchanged.append(label)
        return
    instance.full_clean()
    if as_copy:
        publishing.save_copy(instance, None)
        report.updated.append(label)
        return
    with transaction.atomic(), reversion.create_revision():
        # Imports keep versions like admin saves do.
        reversion.set_comment(f"Imported ({label})")
        instance.save()
    (report.created if is_new else report.updated).append(label)


def _validation_message(error):
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(str(m) for m in messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(str(message) for message in error.messages)


def _read_yaml(text, name):
    try:
        return yaml.safe_load(text)
    # A date that does not exist (2030-02-30) is a ValueError, not YAML's.
    except (yaml.YAMLError, ValueError) as error:
        raise ContentError(f"{name}: invalid YAML ({error})") from error


def _per_language(value, name, field_name):
    if value is None:
        return {}
    if not isinstance(value, dict) or not set(value) <= set(LANGUAGE_CODES):
        raise ContentError(
            f"{name}: {field_name} must map language codes "
            f"({', '.join(LANGUAGE_CODES)}) to text"
        )
    return value


def _import_categories(path, report):
    try:
        entries = _read_yaml(path.read_text(encoding="utf-8"), path.name)
    except (OSError, UnicodeDecodeError, ContentError) as error:
        report.rejected.append((path.name, str(error)))
        return
    if not isinstance(entries, list):
        report.rejected.append((path.name, "must be a list of categories"))
        return
    for number, entry in enumerate(entries, start=1):
        label = f"{path.name} #{number}"
        try:
            category = _category_from(entry, label)
            label = f"category {category.key}"
            names = [
                f"{name}_{code}"
                for name in ("title", "slug", "description")
                for code in LANGUAGE_CODES
            ] + ["position"]
            _save_if_changed(category, names, label, report)
        except ContentError as error:
            report.rejected.append((label, str(error)))
        except ValidationError as error:
            report.rejected.append((label, _validation_message(error)))


def _category_from(entry, label):
    if not isinstance(entry, dict) or not entry.get("key"):
        raise ContentError("each category needs a key")
    unknown = set(entry) - CATEGORY_FIELDS
    if unknown:
        raise ContentError(f"unknown field(s): {', '.join(sorted(unknown))}")
    category = Category.objects.filter(key=entry["key"]).first() or Category(
        key=entry["key"]
    )
    category.position = _position(entry.get("position", category.position), label)
    for name in ("title", "slug", "description"):
        empty = None if name == "slug" else ""
        for code, value in _per_language(entry.get(name), label, name).items():
            setattr(category, f"{name}_{code}", value or empty)
    return category


def _position(value, label):
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ContentError(f"{label}: position must be a whole number ≥ 0")
    return value


def parse_article_file(path):
    """(front matter dict, Markdown body) of one `<key>.<lang>.md` file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"{path.name}: cannot be read as UTF-8 ({error})") from error
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise ContentError(f"{path.name}: must start with a --- front matter block")
    front, separator, body = text[4:].partition("\n---\n")
    if not separator:
        raise ContentError(f"{path.name}: the front matter block is not closed")
    meta = _read_yaml(front, path.name)
    if not isinstance(meta, dict):
        raise ContentError(f"{path.name}: front matter must be key: value lines")
    unknown = set(meta) - FRONT_MATTER_FIELDS
    if unknown:
        raise ContentError(
            f"{path.name}: unknown field(s): {', '.join(sorted(unknown))}"
        )
    return meta, body.strip("\n")


def _moment(value, name, field_name):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    else:
        raise ContentError(
            f"{name}: {field_name} must be a date (YYYY-MM-DD) or a datetime"
        )
    if timezone.is_naive(moment):
        # Written without a zone: the site's (TIME_ZONE), like the dates
        # readers see. A date alone is midnight there.
        moment = timezone.make_aware(moment)
    return moment


def _set_edition(article, language, value, name):
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ContentError(f"{name}: edition must be a whole number ≥ 1")
    if language == DEFAULT_LANGUAGE:
        article.source_edition = value
    setattr(article, f"translated_edition_{language}", value)


def _article_level(parsed, key, existing):
    """category/status/position/publish_at: the files that give one agree."""
    values = {}
    for name in ARTICLE_FIELDS:
        given = {meta[name] for meta, _body in parsed.values() if name in meta}
        if len(given) > 1:
            raise ContentError(f"{name} differs between the language files of {key}")
        if given:
            values[name] = given.pop()
        elif existing is None and name in REQUIRED_ARTICLE_FIELDS:
            raise ContentError(f"{key}: {name} is missing")
    return values


def _import_article(key, files, report, draft):
    label = f"article {key}"
    try:
        parsed = {code: parse_article_file(path) for code, path in files.items()}
        article = Article.objects.filter(key=key).first()
        if article is None and DEFAULT_LANGUAGE not in parsed:
            raise ContentError(
                f"{key}: a new article needs its {DEFAULT_LANGUAGE} file "
                f"({key}.{DEFAULT_LANGUAGE}.md)"
            )
        values = _article_level(parsed, key, article)
        article = article or Article(key=key)
        if "category" in values:
            category = Category.objects.filter(key=values["category"]).first()
            if category is None:
                raise ContentError(f"{key}: unknown category “{values['category']}”")
            article.category = category
        if "status" in values:
            article.status = values["status"]
        if "position" in values:
            article.position = _position(values["position"], key)
        if "publish_at" in values:
            article.publish_at = _moment(values["publish_at"], key, "publish_at")
        for code, (meta, body) in parsed.items():
            name = files[code].name
            if not meta.get("title"):
                raise ContentError(f"{name}: title is missing")
            article_fields = {
                "title": str(meta["title"]),
                "summary": str(meta.get("summary") or ""),
                "body": body,
            }
            for field_name, value in article_fields.items():
                setattr(article, f"{field_name}_{code}", value)
            if "slug" in meta:
                setattr(article, f"slug_{code}", meta["slug"] or None)
            updated = _moment(meta.get("updated"), name, "updated")
            if updated is not None:
                setattr(article, f"content_updated_at_{code}", updated)
            if "edition" in meta:
                _set_edition(article, code, meta["edition"], name)
        names = ["category_id", "status", "position", "publish_at", "source_edition"]
        names += [
            f"{name}_{code}"
            for name in (
                "title",
                "slug",
                "summary",
                "body",
                "content_updated_at",
                "translated_edition",
            )
            for code in LANGUAGE_CODES
        ]
        live = publishing.is_live(article)
        if draft and not live:
            article.status = Article.Status.DRAFT
        _save_if_changed(article, names, label, report, as_copy=draft and live)
    except ContentError as error:
        report.rejected.append((label, str(error)))
    except ValidationError as error:
        report.rejected.append((label, _validation_message(error)))


def _dump_yaml(data):
    return yaml.safe_dump(
        data,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )


def export_folder(path):
    """Write every category and article translation; returns files written."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    categories = []
    for category in Category.objects.order_by("position", "key"):
        entry = {"key": category.key, "position": category.position}
        for name in ("title", "slug", "description"):
            values = {
                code: getattr(category, f"{name}_{code}")
                for code in LANGUAGE_CODES
                if getattr(category, f"{name}_{code}")
            }
            if values:
                entry[name] = values
        categories.append(entry)
    (folder / CATEGORIES_FILE).write_text(_dump_yaml(categories), encoding="utf-8")
    written.append(CATEGORIES_FILE)
    written.extend(content_images.export_images(folder, _dump_yaml))
    for article in Article.objects.select_related("category").order_by("key"):
        for code in article.translated_languages():
            meta = {
                "title": getattr(article, f"title_{code}"),
                "slug": getattr(article, f"slug_{code}"),
                "summary": getattr(article, f"summary_{code}"),
                "category": article.category.key,
                "status": article.status,
                "position": article.position,
                "publish_at": article.publish_at,
                "updated": getattr(article, f"content_updated_at_{code}"),
                "edition": getattr(article, f"translated_edition_{code}"),
            }
            body = getattr(article, f"body_{code}")
            name = f"{article.key}.{code}.md"
            (folder / name).write_text(
                f"---\n{_dump_yaml(meta)}---\n{body}\n", encoding="utf-8"
            )
            written.append(name)
    return written
