"""Images travel with content: export writes them beside the Markdown,
import brings them back, and the round trip leaves the files identical."""

import pytest

from articles.content_files import export_folder, import_folder
from articles.models import Article, Image

from .helpers import make_article
from .image_helpers import make_image, media, picture_bytes, stored_files

__all__ = ["media"]

pytestmark = pytest.mark.django_db

INDEX = """\
- key: reset-form
  alt:
    en: The reset form
    fr: Le formulaire de réinitialisation
"""


def _content_with_image(folder, data):
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "images.yaml").write_text(INDEX, encoding="utf-8")
    (folder / "images" / "reset-form.en.jpg").write_bytes(data)


def test_export_writes_each_images_files_and_alt_text(tmp_path, media):
    make_image(files={"en": picture_bytes(300, 200), "fr": picture_bytes(200, 100)})
    written = export_folder(tmp_path)
    assert {"images/reset-form.en.png", "images/reset-form.fr.png"} <= set(written)
    index = (tmp_path / "images" / "images.yaml").read_text(encoding="utf-8")
    assert "fr: Le formulaire de réinitialisation" in index


def test_export_import_export_leaves_the_image_files_byte_identical(tmp_path, media):
    make_image(files={"en": picture_bytes(300, 200, format="JPEG")})
    make_article(body_en="![](image:reset-form)")
    first, second = tmp_path / "first", tmp_path / "second"
    export_folder(first)
    Article.objects.all().delete()
    Image.objects.all().delete()
    report = import_folder(first)
    assert report.rejected == []
    export_folder(second)
    for name in ("reset-form.en.png", "images.yaml"):
        assert (second / "images" / name).read_bytes() == (
            first / "images" / name
        ).read_bytes()


def test_importing_the_same_images_again_changes_nothing(tmp_path, media):
    _content_with_image(tmp_path, picture_bytes(300, 200, format="JPEG"))
    assert import_folder(tmp_path).created == ["image reset-form"]
    files = stored_files(media)
    report = import_folder(tmp_path)
    assert report.unchanged == ["image reset-form"]
    assert stored_files(media) == files


def test_an_imported_article_shows_an_image_imported_with_it(tmp_path, media):
    _content_with_image(tmp_path, picture_bytes(300, 200))
    (tmp_path / "categories.yaml").write_text(
        "- key: account\n  title:\n    en: Account\n", encoding="utf-8"
    )
    (tmp_path / "reset.en.md").write_text(
        "---\ntitle: Reset\ncategory: account\nstatus: published\nposition: 1\n"
        "---\n![The form](image:reset-form)\n",
        encoding="utf-8",
    )
    report = import_folder(tmp_path)
    assert report.rejected == []
    assert 'width="300"' in Article.objects.get(key="reset").body_html_en


def test_an_image_file_that_is_no_image_is_rejected_with_its_reason(tmp_path, media):
    _content_with_image(tmp_path, b"this is text")
    report = import_folder(tmp_path)
    assert report.rejected == [
        (
            "image reset-form",
            "reset-form.en.jpg: This file is not a PNG, JPEG, WebP or GIF image.",
        )
    ]
    assert not Image.objects.exists()
    assert stored_files(media) == []


def test_an_image_without_alt_text_in_every_language_is_rejected(tmp_path, media):
    _content_with_image(tmp_path, picture_bytes(30, 20))
    (tmp_path / "images" / "images.yaml").write_text(
        "- key: reset-form\n  alt:\n    en: The form\n", encoding="utf-8"
    )
    report = import_folder(tmp_path)
    assert report.rejected[0][0] == "image reset-form"
    assert "alt_fr" in report.rejected[0][1]
    assert stored_files(media) == []
