"""Editors see support figures beside helpfulness; staff with the permission
read the requests and export them."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from articles.tests.helpers import make_article
from feedback.tests.helpers import answers
from support import counts, stats
from support.models import SuggestionOpened

from .helpers import make_request

pytestmark = pytest.mark.django_db

REQUESTS = "/admin/support/supportrequest/"


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("admin", "admin@example.com", "x")
    )
    return client


@pytest.fixture
def staff(client, django_user_model):
    """Staff without the permission to read requests."""
    user = django_user_model.objects.create_user("staff", "s@example.com", "x")
    user.is_staff = True
    user.save()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "change_article"])
    )
    client.force_login(user)
    return user


def test_the_article_page_shows_requests_and_self_service_per_language(admin_client):
    article = make_article()
    answers(article, "fr", yes=6, no=2)
    counts.add(article.pk, "fr", opened=5, sent=2, avoided=2)
    html = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content
    html = html.decode()
    assert 'id="support-figures"' in html
    cells = re.findall(r"<td>([^<]*)</td>", html.split('id="support-figures"')[1])
    # All languages, then English (nothing), then French.
    assert cells[:5] == ["5", "2", "2", "6", "80%"]
    assert cells[10:15] == ["5", "2", "2", "6", "80%"]
    # Feedback's helpfulness panel is still there.
    assert 'id="helpfulness"' in html


def test_suggestions_whose_window_closed_are_counted_when_editors_look(admin_client):
    article = make_article()
    opened = SuggestionOpened.objects.create(
        draft="abcdefghijklmnopqrstuv", article=article, language="fr"
    )
    SuggestionOpened.objects.filter(pk=opened.pk).update(
        opened_at=timezone.now() - timedelta(hours=1)
    )
    admin_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert stats.by_language(article.pk)["fr"].avoided == 1


def test_self_service_is_yes_and_avoided_against_sent():
    assert stats.SelfService(yes=6, avoided=2, sent=2).score == 0.8
    assert stats.SelfService().score is None


def test_the_weekly_figures_put_each_count_in_its_week():
    article = make_article()
    today = timezone.localdate()
    counts.add(article.pk, "fr", day=today, sent=1)
    counts.add(article.pk, "fr", day=today - timedelta(days=7), sent=3, avoided=1)
    weeks = stats.weekly(article.pk)
    assert len(weeks) == 12
    assert (weeks[-1].figures.sent, weeks[-2].figures.sent) == (1, 3)
    assert weeks[-2].figures.avoided == 1


def test_the_articles_that_lead_to_the_most_requests_come_first():
    calm, busy, old = make_article(), make_article(), make_article()
    counts.add(calm.pk, "fr", sent=1)
    counts.add(busy.pk, "fr", sent=2)
    counts.add(busy.pk, "en", sent=2)
    counts.add(old.pk, "fr", day=timezone.localdate() - timedelta(days=40), sent=9)
    assert stats.most_requested() == [(busy, 4), (calm, 1)]


def test_requests_are_listed_for_staff_with_the_permission(admin_client):
    make_request(subject="Cannot log in")
    assert "Cannot log in" in admin_client.get(REQUESTS).content.decode()


def test_requests_are_hidden_from_staff_without_the_permission(client, staff):
    make_request()
    assert client.get(REQUESTS).status_code == 403
    assert client.get(f"{REQUESTS}export/").status_code == 403


def test_a_request_is_shown_as_text(admin_client):
    request = make_request(message="<script>alert(1)</script>")
    html = admin_client.get(f"{REQUESTS}{request.pk}/change/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_requests_export_as_csv_with_formulas_kept_as_text(admin_client):
    article = make_article(title_en="Log in")
    make_request(article=article, subject="=HYPERLINK(1)", reason="unclear")
    response = admin_client.get(f"{REQUESTS}export/")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "\ufeffid"
    assert rows[1][6] == "Log in"
    assert rows[1][9] == "'=HYPERLINK(1)"


def test_the_add_page_has_no_support_panel(admin_client):
    response = admin_client.get("/admin/articles/article/add/")
    assert response.status_code == 200
    assert 'id="support-figures"' not in response.content.decode()


def test_the_admin_overview_lists_the_articles_that_lead_to_the_most_requests(
    admin_client,
):
    article = make_article(title_en="Nobody understands this")
    counts.add(article.pk, "fr", sent=3)
    page = admin_client.get("/admin/").content.decode()
    section = page.split("Articles that lead to the most requests")[1]
    assert f'href="/admin/articles/article/{article.pk}/change/"' in section
    assert "Nobody understands this</a> — 3 requests" in section
