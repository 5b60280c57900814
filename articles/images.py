"""Checks and processing of uploaded images (Pillow), done once at upload.

An upload is trusted for nothing: its type is what Pillow finds in its
bytes, not its name; its size is checked before it is read and its pixel
count before it is decoded (decompression bombs); it is then decoded in
full (truncated files fail here) and only its pixels are kept: a fresh
image is encoded from them, so EXIF, GPS, comments and anything appended
to the file are never published.

Each upload gives a lossless PNG master (what export writes; encoding its
own pixels again gives the same bytes, so content files round-trip) and
WebP variants at a few widths for `srcset`."""

import hashlib
import io
import warnings
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# 6000 × 4000: any screenshot, and far below what would exhaust a worker.
MAX_PIXELS = 24_000_000
# Wider masters are scaled down: no reader's screen needs more.
MAX_WIDTH = 2400
VARIANT_WIDTHS = (480, 960, 1440, MAX_WIDTH)
WEBP_QUALITY = 82


class ImageRefused(ValidationError):
    """The upload is not an image we publish; the message says why."""


@dataclass
class Variant:
    width: int
    height: int
    data: bytes


@dataclass
class ProcessedImage:
    master: bytes
    width: int
    height: int
    sha256: str
    variants: list = field(default_factory=list)


def check_name(name):
    """Refuse a file name that carries a path: we name files ourselves, and
    a name like that is a sign of a client trying to choose where it lands."""
    if not name or any(part in name for part in ("/", "\\", "\x00")) or ".." in name:
        raise ImageRefused(
            _("The file name “%(name)s” contains a path; upload the file itself."),
            params={"name": name},
        )


# Pillow checks the pixel count in the header, before decoding anything.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def _opened(data):
    # Pillow only warns past MAX_IMAGE_PIXELS (it refuses at twice that):
    # the warning must refuse too.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise ImageRefused(
                _("This image has more pixels than the %(limit)s million allowed."),
                params={"limit": MAX_PIXELS // 10**6},
            ) from error
        except UnidentifiedImageError as error:
            raise ImageRefused(
                _("This file is not a PNG, JPEG, WebP or GIF image.")
            ) from error
        except (OSError, ValueError) as error:
            raise ImageRefused(_("This image file cannot be read.")) from error


def _decoded(data):
    """The image's pixels, upright, after every check."""
    image = _opened(data)
    try:
        # verify() reads the whole file (checksums); the image is unusable
        # after it, so decode from a second opening.
        image.verify()
        image = _opened(data)
        image.load()
        # A phone's screenshot may be stored sideways with an EXIF rotation.
        image = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ImageRefused(
            _("This image file is damaged or incomplete: %(reason)s"),
            params={"reason": error},
        ) from error
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    pixels = image.convert("RGBA" if has_alpha else "RGB")
    # A fresh image holds the pixels and nothing else (no info, no EXIF).
    return Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())


def _scaled(image, width):
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def _encoded(image, **options):
    buffer = io.BytesIO()
    image.save(buffer, **options)
    return buffer.getvalue()


def process(upload):
    """Check an uploaded file (Django's UploadedFile or any file object with a
    name and size) and make the master and variants; raise ImageRefused."""
    check_name(getattr(upload, "name", "") or "")
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImageRefused(
            _("This file is %(size)s MB; images may be at most %(limit)s MB."),
            params={
                "size": round(upload.size / 1024 / 1024, 1),
                "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
            },
        )
    upload.seek(0)
    return process_bytes(upload.read())


def process_bytes(data):
    """ProcessedImage of the image in `data`; raise ImageRefused."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRefused(_("This file is too large to be an image we publish."))
    image = _scaled(_decoded(data), MAX_WIDTH)
    master = _encoded(image, format="PNG", optimize=False, compress_level=9)
    variants = []
    widths = sorted({min(width, image.width) for width in VARIANT_WIDTHS})
    for width in widths:
        scaled = _scaled(image, width)
        variants.append(
            Variant(
                width=scaled.width,
                height=scaled.height,
                data=_encoded(scaled, format="WEBP", quality=WEBP_QUALITY, method=4),
            )
        )
    return ProcessedImage(
        master=master,
        width=image.width,
        height=image.height,
        sha256=hashlib.sha256(master).hexdigest(),
        variants=variants,
    )
