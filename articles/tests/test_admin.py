import pytest

from .helpers import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("admin", "admin@example.com", "x")
    )
    return client


def test_admin_lists_and_edits_articles_with_fields_per_language(editor_client):
    article = make_article(title_fr="Titre en français")
    assert editor_client.get("/admin/articles/article/").status_code == 200
    page = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="title_en"' in html
    assert 'name="body_fr"' in html
    assert "Titre en français" in html


def test_admin_refuses_a_broken_route_link_naming_the_language(editor_client):
    article = make_article()
    data = {
        "key": article.key,
        "category": article.category.pk,
        "status": "published",
        "position": 1,
        "title_en": "Title",
        "title_fr": "Titre",
        "body_en": "ok",
        "body_fr": "[x](route:nope)",
    }
    page = editor_client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert page.status_code == 200
    errors = page.context["adminform"].form.errors
    assert errors == {"body_fr": ["page inconnue «\u00a0route:nope\u00a0»"]}
    assert 'id="id_body_fr_error"' in page.content.decode()
    article.refresh_from_db()
    assert "route:nope" not in article.body_fr
