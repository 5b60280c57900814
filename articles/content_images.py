"""Images in the content format: `images/images.yaml` lists each image's key
and alt text per language; its files sit beside it as `<key>.<lang>.png`
(or .jpg, .jpeg, .webp, .gif on the way in). Export writes each stored PNG
master as it is, and import stores a master that encoding again leaves the
same (articles/images.py), so a round trip leaves the files byte-identical.

Images are imported before articles (these show them), each in its own
transaction; every file of an image is checked before any is stored."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from . import images
from .models import KEY_PATTERN, LANGUAGE_CODES, Image

FOLDER = "images"
INDEX_FILE = "images.yaml"
IMAGE_FILE = re.compile(
    rf"^(?P<key>{KEY_PATTERN})\.(?P<language>[a-z-]+)\.(?:png|jpe?g|webp|gif)$"
)
ENTRY_FIELDS = {"key", "alt"}


class _Rejected(Exception):
    pass


def import_images(folder, report, read_yaml, per_language, validation_message):
    """Import `folder`/images/ into `report` (content_files' ImportReport)."""
    index = folder / FOLDER / INDEX_FILE
    if not index.exists():
        return
    label = f"{FOLDER}/{INDEX_FILE}"
    try:
        entries = read_yaml(index.read_text(encoding="utf-8"), label)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        report.rejected.append((label, str(error)))
        return
    if not isinstance(entries, list):
        report.rejected.append((label, "must be a list of images"))
        return
    files = _files_by_key(folder / FOLDER, report)
    for number, entry in enumerate(entries, start=1):
        name = f"{label} #{number}"
        try:
            if not isinstance(entry, dict) or not entry.get("key"):
                raise _Rejected("each image needs a key")
            if unknown := set(entry) - ENTRY_FIELDS:
                raise _Rejected(f"unknown field(s): {', '.join(sorted(unknown))}")
            name = f"image {entry['key']}"
            alts = per_language(entry.get("alt"), name, "alt")
            _import_image(str(entry["key"]), alts, files.get(entry["key"], {}), report)
        except (_Rejected, ValueError) as error:
            report.rejected.append((name, str(error)))
        except ValidationError as error:
            report.rejected.append((name, validation_message(error)))


def _files_by_key(folder, report):
    found = {}
    for path in sorted(folder.iterdir()):
        if path.name == INDEX_FILE:
            continue
        match = IMAGE_FILE.match(path.name)
        if not match or match["language"] not in LANGUAGE_CODES:
            report.rejected.append(
                (f"{FOLDER}/{path.name}", "name is not <key>.<language>.png")
            )
            continue
        found.setdefault(match["key"], {})[match["language"]] = path
    return found


def _processed(path):
    if path.stat().st_size > images.MAX_UPLOAD_BYTES:
        raise _Rejected(f"{path.name}: larger than {images.MAX_UPLOAD_BYTES} bytes")
    try:
        return images.process_bytes(path.read_bytes())
    except images.ImageRefused as error:
        raise _Rejected(f"{path.name}: {' '.join(error.messages)}") from error


def _alts(image):
    return {code: getattr(image, f"alt_{code}") or "" for code in LANGUAGE_CODES}


def _import_image(key, alts, paths, report):
    label = f"image {key}"
    image = Image.objects.filter(key=key).prefetch_related("files").first()
    is_new = image is None
    image = image or Image(key=key)
    before = None if is_new else _alts(image)
    for code, alt in alts.items():
        setattr(image, f"alt_{code}", str(alt or ""))
    processed = {code: _processed(path) for code, path in paths.items()}
    if is_new and not processed:
        raise _Rejected(f"{key}: no file ({key}.<language>.png)")
    stored = (
        {file.language: file.sha256 for file in image.files.all()} if image.pk else {}
    )
    changed_files = {
        code: result
        for code, result in processed.items()
        if stored.get(code) != result.sha256
    }
    if not changed_files and before == _alts(image):
        report.unchanged.append(label)
        return
    image.full_clean()
    with transaction.atomic():
        image.save()
        for code, result in changed_files.items():
            image.attach(code, result)
    (report.created if is_new else report.updated).append(label)


def export_images(folder, dump_yaml):
    """Write images.yaml and every master; the names written, relative."""
    stored = list(Image.objects.prefetch_related("files").order_by("key"))
    if not stored:
        return []
    target = folder / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for image in stored:
        for file in sorted(image.files.all(), key=lambda file: file.language):
            name = f"{image.key}.{file.language}.png"
            (target / name).write_bytes(file.read_master())
            written.append(f"{FOLDER}/{name}")
    entries = [
        {
            "key": image.key,
            "alt": {code: alt for code, alt in _alts(image).items() if alt},
        }
        for image in stored
    ]
    (target / INDEX_FILE).write_text(dump_yaml(entries), encoding="utf-8")
    return [*written, f"{FOLDER}/{INDEX_FILE}"]
