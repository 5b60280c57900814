"""Real image files for tests, made with Pillow (and by hand where Pillow
would need the memory the file is meant to exhaust)."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image as PillowImage

from articles import images
from articles.models import Image


def picture_bytes(width=1200, height=800, format="PNG", colour=(30, 90, 160), **save):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), colour).save(buffer, format=format, **save)
    return buffer.getvalue()


def _chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def huge_png(side=20_000):
    """A valid black 1-bit PNG of side × side pixels: tens of kilobytes on
    disk, hundreds of megapixels once decoded."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (side + 7) // 8)
    data = b"".join(compressor.compress(row) for _ in range(side))
    data += compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def make_image(key="reset-form", files=None, **alts):
    """An Image with alt text in both languages and files per language
    (default: an English picture)."""
    image = Image.objects.create(
        key=key,
        alt_en=alts.get("alt_en", "The reset form"),
        alt_fr=alts.get("alt_fr", "Le formulaire de réinitialisation"),
    )
    for language, data in (files or {"en": picture_bytes()}).items():
        image.attach(language, images.process_bytes(data))
    return image


@pytest.fixture
def media(settings):
    """The test's own folder of uploaded files (conftest.py sets it)."""
    return Path(settings.MEDIA_ROOT)


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file())
