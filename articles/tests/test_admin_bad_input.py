"""What staff send to the editors' pages is untrusted too: odd ids and
values answer 4xx with a message, never 500."""

import pytest

from articles.models import article_url
from articles.rendering import RenderError, render

from .helpers import make_article
from .test_editorial import CHANGE, admin_data, editor  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

ODD_IDS = ["abc", "²", "9" * 30, "1.5", "-1"]


@pytest.mark.parametrize("object_id", ODD_IDS)
def test_the_compare_page_of_an_odd_id_is_not_found(client, editor, object_id):  # noqa: F811
    response = client.get(f"/admin/articles/article/{object_id}/history/compare/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("object_id", ODD_IDS)
def test_the_preview_of_an_odd_id_is_not_found(client, editor, object_id):  # noqa: F811
    response = client.post(CHANGE.format(object_id) + "preview/en/", {})
    assert response.status_code == 404


@pytest.mark.parametrize("category", ["abc", "²", "9" * 30, "-1", ""])
def test_a_preview_with_an_odd_category_shows_the_text(client, editor, category):  # noqa: F811
    article = make_article(body_en="The steps.")
    data = admin_data(article, category=category)
    response = client.post(CHANGE.format(article.pk) + "preview/en/", data)
    assert response.status_code == 200
    assert "The steps." in response.content.decode()


@pytest.mark.parametrize("target", ["²", "9" * 5_000, "9" * 19])
def test_an_article_link_with_an_odd_number_is_an_unknown_article(target):
    assert article_url(target) is None
    with pytest.raises(RenderError) as error:
        render(f"[x](article:{target})", "en", article_url)
    assert error.value.problems == [f"unknown article “article:{target}”"]


def test_an_article_link_by_id_still_resolves():
    target = make_article(title_en="Change password")
    assert article_url(str(target.pk)) == target.get_absolute_url()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/feedback/feedback/?language__exact=%00",
        "/admin/feedback/feedback/export/?language__exact=%00",
        "/admin/articles/article/?q=%00",
        "/admin/articles/article/%00/history/",
        "/admin/articles/article/%00/change/",
        "/admin/search/searchquery/?language=%00",
    ],
)
def test_a_nul_byte_in_an_admin_address_is_a_4xx(admin_client, path):
    # PostgreSQL refuses NUL in text: it must never reach a query.
    assert 400 <= admin_client.get(path).status_code < 500
