"""The admin home's help-center overview, with the other apps' panels."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles import publishing

from .helpers import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher(client, django_user_model):
    user = django_user_model.objects.create_user(
        "paul", "p@example.com", "x", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Publishers"))
    client.force_login(user)
    return user


def test_the_admin_home_shows_what_needs_attention_and_links_to_the_reports(
    client, publisher
):
    waiting = make_article(title_en="Waiting one")
    publishing.submit(waiting, publisher)
    make_article(title_fr="", body_fr="")
    html = client.get("/admin/").content.decode()
    assert "Help-center overview" in html
    assert "1 FR translation missing" in html
    assert "1 article waiting for review" in html
    assert "Waiting one" in html
    assert "/admin/articles/article/health/" in html
    assert "/admin/feedback/feedback/attention/" in html
    assert "/admin/search/searchquery/" in html
    assert "Top searches that found nothing" in html


def test_the_admin_is_named_after_the_site_and_has_a_favicon(client, publisher):
    html = client.get("/admin/").content.decode()
    assert "Help Center administration" in html
    assert 'rel="icon"' in html


def test_the_article_list_shows_pending_changes_in_the_status(client, publisher):
    article = make_article()
    article.body_en = "Later."
    publishing.save_copy(
        article, publisher, publish_at=timezone.now() + timezone.timedelta(days=1)
    )
    html = client.get("/admin/articles/article/").content.decode()
    assert "Published · changes go live" in html
