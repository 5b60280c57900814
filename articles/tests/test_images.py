import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from PIL import Image as PillowImage

from articles import images
from articles.models import Image, ImageFile

from .helpers import make_article
from .image_helpers import huge_png, make_image, media, picture_bytes, stored_files

__all__ = ["media"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("admin", "admin@example.com", "x")
    )
    return client


def _upload(data, name="screen.png"):
    return SimpleUploadedFile(name, data, content_type="image/png")


def _add_image(client, upload, **fields):
    data = {
        "key": "reset-form",
        "alt_en": "The reset form",
        "alt_fr": "Le formulaire de réinitialisation",
        "upload_en": upload,
        **fields,
    }
    return client.post("/admin/articles/image/add/", data)


def test_a_png_gives_a_png_master_and_webp_variants_no_wider_than_it():
    processed = images.process_bytes(picture_bytes(1200, 800))
    assert (processed.width, processed.height) == (1200, 800)
    assert PillowImage.open(io.BytesIO(processed.master)).format == "PNG"
    assert [variant.width for variant in processed.variants] == [480, 960, 1200]
    assert [variant.height for variant in processed.variants] == [320, 640, 800]
    assert all(
        PillowImage.open(io.BytesIO(variant.data)).format == "WEBP"
        for variant in processed.variants
    )


def test_a_very_wide_image_is_scaled_down_to_the_widest_variant():
    processed = images.process_bytes(picture_bytes(3000, 1000, format="JPEG"))
    assert (processed.width, processed.height) == (images.MAX_WIDTH, 800)


def test_processing_the_master_again_gives_the_same_bytes():
    processed = images.process_bytes(picture_bytes(800, 600, format="JPEG"))
    assert images.process_bytes(processed.master).master == processed.master


def test_exif_and_gps_are_not_kept():
    exif = PillowImage.Exif()
    exif[0x010F] = "Phone maker"
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0)}
    data = picture_bytes(640, 480, format="JPEG", exif=exif.tobytes())
    assert PillowImage.open(io.BytesIO(data)).getexif()
    processed = images.process_bytes(data)
    for encoded in [processed.master, *(v.data for v in processed.variants)]:
        opened = PillowImage.open(io.BytesIO(encoded))
        assert not opened.getexif()
        assert "exif" not in opened.info
        assert b"Phone maker" not in encoded


def test_bytes_appended_after_the_image_are_not_published():
    data = picture_bytes(100, 100) + b"<script>alert(1)</script>"
    processed = images.process_bytes(data)
    assert b"<script>" not in processed.master


def test_a_text_file_named_png_is_refused_as_not_an_image():
    with pytest.raises(images.ImageRefused, match="not a PNG, JPEG, WebP or GIF"):
        images.process_bytes(b"hello, this is text pretending to be a picture")


def test_an_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(images.ImageRefused, match="not a PNG, JPEG, WebP or GIF"):
        images.process_bytes(svg)


def test_a_20000_pixel_square_png_is_refused_before_it_is_decoded():
    with pytest.raises(images.ImageRefused, match="more pixels than the 24 million"):
        images.process_bytes(huge_png())


def test_a_truncated_file_is_refused_as_damaged():
    data = picture_bytes(800, 600)
    with pytest.raises(images.ImageRefused, match="damaged or incomplete"):
        images.process_bytes(data[: len(data) // 2])


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read():
    upload = _upload(b"\0" * (50 * 1024 * 1024))
    with pytest.raises(images.ImageRefused, match="images may be at most 10 MB"):
        images.process(upload)


@pytest.mark.parametrize(
    "name", ["../../etc/screen.png", "folder/screen.png", "C:\\x\\screen.png"]
)
def test_a_file_name_with_a_path_is_refused(name):
    # Django's UploadedFile keeps only the last part of a name it is given:
    # this is the check for files named some other way (imports).
    with pytest.raises(images.ImageRefused, match="contains a path"):
        images.check_name(name)


def test_the_admin_stores_an_upload_with_its_variants(editor_client, media):
    response = _add_image(editor_client, _upload(picture_bytes(1000, 500)))
    assert response.status_code == 302
    file = ImageFile.objects.get(image__key="reset-form", language="en")
    assert (file.width, file.height) == (1000, 500)
    assert len(stored_files(media)) == 1 + len(file.variants)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not an image at all", "not a PNG, JPEG, WebP or GIF"),
        (huge_png(), "more pixels than the 24 million allowed"),
        (picture_bytes(400, 300)[:500], "damaged or incomplete"),
        (b"\0" * (50 * 1024 * 1024), "at most 10 MB"),
    ],
    ids=["renamed-text", "bomb", "truncated", "50-MB"],
)
def test_the_admin_refuses_a_bad_upload_and_stores_nothing(
    editor_client, media, data, message
):
    response = _add_image(editor_client, _upload(data))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["upload_en"]
    assert message in " ".join(errors)
    assert not Image.objects.exists()
    assert stored_files(media) == []


def test_the_admin_stores_an_upload_under_its_own_name_whatever_the_client_sent(
    editor_client, media
):
    # Django's parser keeps only the last part of a multipart file name.
    _add_image(editor_client, _upload(picture_bytes(50, 50), "../../outside.png"))
    assert not (media.parent / "outside.png").exists()
    assert all(path.is_relative_to(media / "images") for path in stored_files(media))


def test_the_admin_refuses_an_image_without_alt_text_in_every_language(
    editor_client, media
):
    response = _add_image(editor_client, _upload(picture_bytes(50, 50)), alt_fr="  ")
    assert response.status_code == 200
    assert "alt_fr" in response.context["adminform"].form.errors
    assert not Image.objects.exists()
    assert stored_files(media) == []


def test_an_image_needs_a_file_in_the_default_language(editor_client, media):
    response = _add_image(editor_client, "", upload_fr=_upload(picture_bytes(5, 5)))
    assert "upload_en" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


def test_a_new_file_replaces_the_old_one_and_its_variants(media):
    image = make_image()
    old = stored_files(media)
    image.attach("en", images.process_bytes(picture_bytes(300, 200, colour=(0, 0, 0))))
    assert set(stored_files(media)).isdisjoint(old)
    assert image.files.get().width == 300


def test_a_used_image_cannot_be_deleted(media):
    image = make_image()
    make_article(body_en="![Form](image:reset-form)")
    with pytest.raises(ProtectedError):
        image.delete()
    assert Image.objects.filter(pk=image.pk).exists()


def test_the_admin_refuses_to_delete_an_image_an_article_shows(editor_client, media):
    image = make_image()
    article = make_article(body_fr="![Formulaire](image:reset-form)")
    page = editor_client.get(f"/admin/articles/image/{image.pk}/delete/")
    assert str(article) in page.content.decode()
    editor_client.post(f"/admin/articles/image/{image.pk}/delete/", {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()


def test_deleting_an_unused_image_removes_its_files(media):
    image = make_image()
    other = make_image("reset-form-2")
    make_article(body_en="![Other](image:reset-form-2) is not this one")
    image.delete()
    assert stored_files(media) == stored_files(media / "images" / other.key)


def test_the_media_address_serves_a_stored_variant(client, media):
    image = make_image()
    name = image.files.get().variants[0]["name"]
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "immutable" in response["Cache-Control"]
