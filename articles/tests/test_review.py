"""Editors submit changes; publishers publish them or send them back."""

import pytest
from django.contrib.auth.models import Group
from reversion.models import Version

from articles.models import Article, WorkingCopy
from articles.roles import EDITORS, PUBLISHERS

from .helpers import make_article
from .test_working_copies import change_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(django_user_model):
    made = {}
    for name, group in (("edith", EDITORS), ("paul", PUBLISHERS)):
        user = django_user_model.objects.create_user(
            name, f"{name}@example.com", "x", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        made[name] = user
    return made


def as_user(client, user):
    client.force_login(user)
    return client


def test_editors_may_not_publish_and_publishers_may(users):
    assert not users["edith"].has_perm("articles.publish_article")
    assert not users["edith"].has_perm("articles.delete_article")
    assert users["paul"].has_perm("articles.publish_article")
    assert users["paul"].has_perm("articles.delete_article")


def test_an_editor_cannot_publish_a_draft_article(client, users):
    article = make_article(status=Article.Status.DRAFT)
    as_user(client, users["edith"]).post(
        change_url(article), form_data(article, status="published", _publish="1")
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_a_submitted_copy_shows_who_submitted_it_and_is_waiting_for_review(
    client, users
):
    article = make_article()
    as_user(client, users["edith"]).post(
        change_url(article),
        form_data(article, body_en="Better.", _submit_for_review="1"),
    )
    article.refresh_from_db()
    assert article.submitted_by == users["edith"]
    assert article.body_en != "Better."
    listing = as_user(client, users["paul"]).get(
        "/admin/articles/article/?pending=review"
    )
    assert list(listing.context["cl"].result_list) == [article]
    form = client.get(change_url(article)).content.decode()
    assert "Submitted for review by edith" in form
    assert 'name="_send_back"' in form


def test_a_publisher_sends_a_copy_back_with_a_comment_the_editor_sees(client, users):
    article = make_article()
    as_user(client, users["edith"]).post(
        change_url(article),
        form_data(article, body_en="Better.", _submit_for_review="1"),
    )
    as_user(client, users["paul"]).post(
        change_url(article), {"_send_back": "1", "review_comment": "Add a screenshot."}
    )
    article.refresh_from_db()
    assert article.submitted_at is None
    assert WorkingCopy.objects.filter(article=article).exists()
    form = as_user(client, users["edith"]).get(change_url(article)).content.decode()
    assert "Sent back by paul" in form
    assert "Add a screenshot." in form


def test_sending_back_without_a_comment_is_refused(client, users):
    article = make_article()
    as_user(client, users["edith"]).post(
        change_url(article),
        form_data(article, body_en="Better.", _submit_for_review="1"),
    )
    as_user(client, users["paul"]).post(
        change_url(article), {"_send_back": "1", "review_comment": " "}
    )
    article.refresh_from_db()
    assert article.submitted_at is not None


def test_an_editor_may_not_send_back(client, users):
    article = make_article()
    answer = as_user(client, users["edith"]).post(
        change_url(article), {"_send_back": "1", "review_comment": "No."}
    )
    assert answer.status_code == 403


def test_publishing_a_submitted_copy_ends_the_review_and_the_version_says_who(
    client, users
):
    article = make_article()
    as_user(client, users["edith"]).post(
        change_url(article),
        form_data(article, body_en="Better.", _submit_for_review="1"),
    )
    as_user(client, users["paul"]).post(
        change_url(article), form_data(article, body_en="Better.", _publish="1")
    )
    article.refresh_from_db()
    assert article.submitted_at is None
    assert article.body_en == "Better."
    history = client.get(
        change_url(article).replace("change/", "history/")
    ).content.decode()
    assert "paul" in history
    assert (
        Version.objects.get_for_object(article).first().revision.user == users["paul"]
    )


def test_compare_shows_a_status_only_change(client, users):
    article = make_article()
    publisher = as_user(client, users["paul"])
    publisher.post(change_url(article), form_data(article, _publish="1"))
    publisher.post(
        change_url(article), form_data(article, status="archived", _save="1")
    )
    html = publisher.get(
        change_url(article).replace("change/", "history/compare/")
    ).content.decode()
    assert "<del>Published</del>" in html
    assert "<ins>Archived</ins>" in html


def test_the_version_of_a_published_copy_names_its_author(client, users):
    article = make_article()
    as_user(client, users["edith"]).post(
        change_url(article),
        form_data(article, body_en="Better.", _submit_for_review="1"),
    )
    as_user(client, users["paul"]).post(
        change_url(article), form_data(article, body_en="Better.", _publish="1")
    )
    revision = Version.objects.get_for_object(article).first().revision
    assert revision.user == users["paul"]
    assert "Changes by edith." in revision.get_comment()
    history = client.get(change_url(article).replace("change/", "history/"))
    assert "Changes by edith." in history.content.decode()


def test_history_labels_versions_with_number_author_date_and_change(client, users):
    article = make_article()
    publisher = as_user(client, users["paul"])
    publisher.post(
        change_url(article), form_data(article, body_en="One.", _publish="1")
    )
    publisher.post(
        change_url(article), form_data(article, body_en="Two.", _publish="1")
    )
    history = publisher.get(change_url(article).replace("change/", "history/"))
    html = history.content.decode()
    assert "#2 · paul · " in html
    assert "#1 · paul · " in html
    assert "Changed" in html


@pytest.mark.parametrize("comment", ["x" * 2001, "Bad\x00byte"])
def test_a_comment_too_long_or_with_a_nul_byte_is_refused(client, users, comment):
    article = make_article()
    as_user(client, users["edith"]).post(
        change_url(article),
        form_data(article, body_en="Better.", _submit_for_review="1"),
    )
    answer = as_user(client, users["paul"]).post(
        change_url(article), {"_send_back": "1", "review_comment": comment}
    )
    assert answer.status_code == 400
    assert "at most 2000 characters" in answer.content.decode()
    article.refresh_from_db()
    assert (article.submitted_at is not None, article.review_comment) == (True, "")
