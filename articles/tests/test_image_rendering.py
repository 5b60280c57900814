import pytest

from articles import editorial, images, rendering

from .helpers import make_article
from .image_helpers import make_image, media, picture_bytes

__all__ = ["media"]

pytestmark = pytest.mark.django_db


def _found(target):
    if target != "form":
        return None
    return rendering.ImageRef(
        src="/media/form-960.webp",
        srcset="/media/form-480.webp 480w, /media/form-960.webp 960w",
        width=960,
        height=640,
        alt="The reset form",
    )


def test_an_image_reference_becomes_a_responsive_image_with_its_size():
    html = rendering.render("![Reset](image:form)", "en", image=_found).html
    assert 'src="/media/form-960.webp"' in html
    assert 'srcset="/media/form-480.webp 480w, /media/form-960.webp 960w"' in html
    assert 'width="960"' in html
    assert 'height="640"' in html
    assert 'alt="Reset"' in html
    assert f'sizes="{rendering.IMAGE_SIZES}"' in html


def test_an_image_without_alt_in_the_markdown_takes_the_images_alt_text():
    html = rendering.render("![](image:form)", "en", image=_found).html
    assert 'alt="The reset form"' in html


def test_only_images_after_the_first_load_lazily():
    html = rendering.render(
        "![One](image:form)\n\n## Later\n\n![Two](image:form)", "en", image=_found
    ).html
    first, second = html.split("<img")[1:]
    assert "loading" not in first
    assert 'loading="lazy"' in second


def test_raw_html_images_keep_no_srcset_or_sizes_of_their_own():
    source = (
        '<img src="/a.png" srcset="javascript:alert(1) 1w, /b.png 2w" '
        'sizes="100vw" loading="eager" decoding="sync" alt="x">'
    )
    html = rendering.render(source, "en").html
    assert html == '<p><img src="/a.png" alt="x"></p>'


def test_an_unknown_image_is_refused_naming_it():
    with pytest.raises(rendering.RenderError, match="unknown image “image:nope”"):
        rendering.render("![x](image:nope)", "en", image=_found)


def test_text_that_may_not_show_images_refuses_image_references():
    with pytest.raises(rendering.RenderError):
        rendering.render("![x](image:form)", "en")


def test_each_reader_gets_their_languages_file_and_alt_text(media):
    make_image(files={"en": picture_bytes(600, 400), "fr": picture_bytes(500, 300)})
    article = make_article(
        body_en="![](image:reset-form)", body_fr="![](image:reset-form)"
    )
    assert "/en-600.webp" in article.body_html_en
    assert 'alt="The reset form"' in article.body_html_en
    assert "/fr-500.webp" in article.body_html_fr
    assert 'alt="Le formulaire de réinitialisation"' in article.body_html_fr


def test_a_language_without_its_own_file_shows_the_default_languages(media):
    make_image(files={"en": picture_bytes(600, 400)})
    article = make_article(body_fr="![](image:reset-form)")
    assert "/en-600.webp" in article.body_html_fr
    assert 'alt="Le formulaire de réinitialisation"' in article.body_html_fr


def test_a_new_file_for_an_image_updates_the_articles_showing_it(media):
    image = make_image(files={"en": picture_bytes(600, 400)})
    article = make_article(body_fr="![](image:reset-form)")
    french = images.process_bytes(picture_bytes(700, 500))
    image.attach("fr", french)
    article.refresh_from_db()
    assert f"{french.sha256[:16]}/fr-700.webp" in article.body_html_fr


def test_the_article_page_shows_the_image_with_its_dimensions(client, media):
    make_image(files={"en": picture_bytes(600, 400)})
    article = make_article(body_en="Steps.\n\n![The form](image:reset-form)")
    page = client.get(article.url_in("en")).content.decode()
    assert 'alt="The form"' in page
    assert 'width="600"' in page
    assert 'height="400"' in page


def test_content_health_lists_an_article_whose_image_is_gone(media):
    image = make_image()
    article = make_article(body_en="![x](image:reset-form)")
    image.files.all().delete()
    broken = editorial.content_health()["broken_links"]
    assert [item["article"] for item in broken] == [article]
    assert "unknown image “image:reset-form”" in broken[0]["problems"]["en"]


def test_content_health_lists_images_no_article_shows(media):
    make_image("shown")
    unused = make_image("forgotten")
    make_article(body_fr="![x](image:shown)")
    assert editorial.content_health()["unused_images"] == [unused]


def test_the_content_health_page_links_to_unused_images(admin_client, media):
    unused = make_image("forgotten")
    page = admin_client.get("/admin/articles/article/health/").content.decode()
    assert f"/admin/articles/image/{unused.pk}/change/" in page
