import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.helpers import make_account
from articles.tests.helpers import make_article
from articles.tests.image_helpers import media, picture_bytes
from branding import colour
from branding.models import DEFAULT_ACCENT, DEFAULT_ACCENT_DARK, Brand

__all__ = ["media"]

pytestmark = pytest.mark.django_db


def _brand(**fields):
    values = {
        "name_en": "Acme Support",
        "name_fr": "Assistance Acme",
        "accent": "#a3330f",
        "accent_dark": "#ffb37a",
        "support_email": "care@acme.example",
        "footer_text_en": "Acme Ltd, 1 Road, Town",
        "footer_text_fr": "Acme SARL, 1 rue, Ville",
        **fields,
    }
    brand = Brand(**values)
    brand.full_clean()
    brand.save()
    return brand


def test_contrast_of_black_on_white_is_21_and_of_a_colour_with_itself_1():
    assert colour.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert colour.contrast("#1f5fbf", "#1f5fbf") == pytest.approx(1)


def test_todays_accents_pass_wcag_aa_in_light_and_dark_mode():
    Brand().full_clean()


def test_an_accent_too_pale_for_the_light_page_is_refused_with_its_ratio():
    with pytest.raises(ValidationError) as refused:
        Brand(accent="#ffcc00").full_clean()
    message = refused.value.message_dict["accent"][0]
    assert "#ffcc00" in message
    assert "4.5:1" in message


def test_an_accent_too_dark_for_dark_mode_is_refused():
    with pytest.raises(ValidationError) as refused:
        Brand(accent_dark="#1f5fbf").full_clean()
    assert list(refused.value.message_dict) == ["accent_dark"]


def test_a_colour_that_is_not_hex_is_refused():
    with pytest.raises(ValidationError) as refused:
        Brand(accent="red").full_clean()
    assert "six hexadecimal digits" in refused.value.message_dict["accent"][0]


def test_without_settings_pages_look_as_they_always_did(client):
    page = client.get("/en/").content.decode()
    assert "<title>" in page
    assert "· Help Center</title>" in page
    assert "brand.css" not in page
    assert "mailto:support@example.com" in page


def test_the_name_footer_and_support_address_show_on_every_page_at_once(client):
    article = make_article()
    client.get(article.url_in("fr"))  # now in the page cache
    _brand()
    page = client.get(article.url_in("fr")).content.decode()
    assert "Assistance Acme" in page
    assert "Acme SARL, 1 rue, Ville" in page
    assert "mailto:care@acme.example" in page
    assert "Help Center" not in page


def test_own_colours_come_in_a_stylesheet_of_our_origin(client):
    brand = _brand()
    page = client.get("/en/").content.decode()
    href = f"/brand.css?v={brand.modified_at:%s}"
    assert href in page
    css = client.get(href)
    assert css["Content-Type"].startswith("text/css")
    assert "--accent: #a3330f" in css.content.decode()
    assert "--accent: #ffb37a" in css.content.decode()


def test_the_admin_header_carries_the_name(admin_client):
    _brand()
    assert "Acme Support administration" in admin_client.get("/admin/").content.decode()


def test_only_superusers_see_the_site_settings(client, django_user_model):
    staff = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label="branding")
    )
    client.force_login(staff)
    assert client.get("/admin/branding/brand/add/").status_code == 403


def test_a_superuser_saves_settings_with_a_logo(admin_client, media):
    response = admin_client.post(
        "/admin/branding/brand/add/",
        {
            "name_en": "Acme Support",
            "name_fr": "Assistance Acme",
            "accent": DEFAULT_ACCENT,
            "accent_dark": DEFAULT_ACCENT_DARK,
            "support_email": "",
            "footer_text_en": "",
            "footer_text_fr": "",
            "upload_logo_light": SimpleUploadedFile("logo.png", picture_bytes(200, 50)),
        },
    )
    assert response.status_code == 302
    brand = Brand.objects.get()
    assert (brand.logo_width, brand.logo_height) == (200, 50)
    page = admin_client.get("/en/").content.decode()
    assert f'src="/media/{brand.logo_light}"' in page


def test_a_logo_that_is_no_image_is_refused(admin_client, media):
    response = admin_client.post(
        "/admin/branding/brand/add/",
        {
            "accent": DEFAULT_ACCENT,
            "accent_dark": DEFAULT_ACCENT_DARK,
            "upload_logo_light": SimpleUploadedFile("logo.png", b"<svg></svg>"),
        },
    )
    assert response.status_code == 200
    assert not Brand.objects.exists()


def test_emails_carry_the_name_and_the_logo(client, media, smtp_inbox):
    _brand(logo_light="branding/logo_light.webp", logo_width=10, logo_height=5)
    make_account("reader", "reader@example.com")
    client.post("/fr/accounts/password/reset/", {"email": "reader@example.com"})
    [message] = smtp_inbox.messages
    assert "L’équipe Assistance Acme" in smtp_inbox.text_of(message)
    html = smtp_inbox.html_of(message)
    assert 'src="http://testserver/media/branding/logo_light.webp"' in html
