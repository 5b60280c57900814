"""Editors see how helpful each article is, per language, in the admin: the
article list (sortable, "needs attention"), each article's page with a
weekly chart, the answers themselves with a CSV export, and the articles
that need attention."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.tests.helpers import database_queries, make_article
from feedback.models import Feedback

from .helpers import answers

pytestmark = pytest.mark.django_db

ARTICLES = "/admin/articles/article/"
ANSWERS = "/admin/feedback/feedback/"


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("admin", "admin@example.com", "x")
    )
    return client


def titles_in_order(html, titles):
    return sorted(titles, key=html.index)


# The article list


def test_the_article_list_shows_helpfulness_overall_and_per_language(editor):
    article = make_article(title_en="Log in")
    answers(article, "en", yes=41, no=9)
    answers(article, "fr", yes=1, no=1)
    html = editor.get(ARTICLES).content.decode()
    assert "82%&nbsp;(41/50)<br>≥&nbsp;69%" in html
    assert "50%&nbsp;(1/2)<br>≥&nbsp;9%" in html
    assert "81%&nbsp;(42/52)" in html
    assert "Helpful (fr)" in html


def test_the_article_list_headers_are_in_the_editors_language(editor, settings):
    # The admin has no language prefix: it speaks the language of the cookie
    # that the reader pages set (helpcenter/middleware.py).
    make_article()
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = editor.get(ARTICLES).content.decode()
    headers = re.findall(
        r'<th scope="col" class="[^"]*column-helpfulness.*?</th>', html, re.S
    )
    assert len(headers) == 3
    assert "Utile (toutes langues)" in headers[0]
    assert "Utile (fr)" in headers[2]
    assert "Helpful" not in html


def test_the_article_list_sorts_by_the_lower_bound_worst_first(editor):
    few = make_article(title_en="One of one")
    many = make_article(title_en="Ninety-five of a hundred")
    poor = make_article(title_en="Poor")
    make_article(title_en="Unanswered")
    answers(few, yes=1)
    answers(many, yes=95, no=5)
    answers(poor, yes=2, no=8)
    html = editor.get(ARTICLES).content.decode()
    column = re.findall(r'<th scope="col" class="(?:sortable )?column-(\w+)', html)
    number = column.index("helpfulness") + 1
    titles = ["One of one", "Ninety-five of a hundred", "Poor", "Unanswered"]
    worst_first = editor.get(ARTICLES, {"o": str(number)}).content.decode()
    assert titles_in_order(worst_first, titles) == [
        "Poor",
        "One of one",
        "Ninety-five of a hundred",
        "Unanswered",
    ]
    best_first = editor.get(ARTICLES, {"o": f"-{number}"}).content.decode()
    assert titles_in_order(best_first, titles)[1:] == [
        "Ninety-five of a hundred",
        "One of one",
        "Poor",
    ]


def test_the_article_list_filters_articles_that_need_attention(editor, settings):
    settings.FEEDBACK_ATTENTION_MIN_VOTES = 10
    poor = make_article(title_en="Poor everywhere")
    answers(poor, yes=1, no=11)
    translated = make_article(title_en="Bad French")
    answers(translated, "en", yes=30)
    answers(translated, "fr", yes=2, no=10)
    make_article(title_en="Fine")
    low = editor.get(ARTICLES, {"attention": "low"}).content.decode()
    assert "Poor everywhere" in low
    assert "Bad French" not in low
    assert "Fine" not in low
    gap = editor.get(ARTICLES, {"attention": "translation"}).content.decode()
    assert "Bad French" in gap
    assert "Poor everywhere" not in gap


def test_articles_with_answers_can_still_be_deleted_from_the_list(editor):
    article = make_article()
    answers(article, yes=3)
    response = editor.post(
        ARTICLES,
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Article.objects.exists()
    assert not Feedback.objects.exists()


def test_only_the_article_list_counts_answers_per_article(editor):
    article = make_article()
    answers(article, yes=3)

    def counting(url):
        with CaptureQueriesContext(connection) as captured:
            assert editor.get(url).status_code == 200
        return [sql for sql in database_queries(captured) if "fb_lower" in sql]

    assert counting(ARTICLES)
    for page in ("change", "delete", "history"):
        assert not counting(f"{ARTICLES}{article.pk}/{page}/"), page


# The article's page


def test_the_article_page_shows_helpfulness_per_language_and_a_weekly_chart(
    editor,
):
    article = make_article()
    answers(article, "en", yes=8, no=2)
    answers(article, "fr", yes=1, no=4)
    html = editor.get(f"{ARTICLES}{article.pk}/change/").content.decode()
    panel = html[html.index('id="helpfulness"') : html.index("</details>")]
    assert "All languages" in panel
    assert re.search(r"<td>8</td>\s*<td>2</td>\s*<td>10</td>\s*<td>80%</td>", panel)
    assert re.search(r"<td>9</td>\s*<td>6</td>\s*<td>15</td>\s*<td>60%</td>", panel)
    assert f"?article__id__exact={article.pk}&amp;language__exact=fr" in panel
    chart = re.search(r"<svg role=\"img\".*?</svg>", panel, re.S).group(0)
    assert "Last 12 weeks: 9 Yes and 6 No." in chart
    assert chart.count('fill="#2e7d32"') == 1  # this week's Yes
    assert chart.count('fill="#c2410c"') == 1  # this week's No
    assert "<script" not in panel
    assert " style=" not in panel


def test_the_chart_numbers_stay_numbers_in_french(editor):
    article = make_article()
    answers(article, yes=1, no=2)
    html = editor.get(
        f"{ARTICLES}{article.pk}/change/", headers={"accept-language": "fr"}
    ).content.decode()
    chart = re.search(r"<svg role=\"img\".*?</svg>", html, re.S).group(0)
    assert "Réponses par semaine" in chart
    numbers = re.findall(r' (?:x|y|width|height)="([^"%]*)"', chart)
    assert numbers
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", number) for number in numbers)


def test_an_article_without_answers_says_so(editor):
    article = make_article()
    html = editor.get(f"{ARTICLES}{article.pk}/change/").content.decode()
    assert "No answers yet" in html
    assert "Last 12 weeks: 0 Yes and 0 No." in html


def test_the_add_page_has_no_helpfulness_panel(editor):
    response = editor.get(f"{ARTICLES}add/")
    assert response.status_code == 200
    assert 'id="helpfulness"' not in response.content.decode()


# The answers


def test_editors_read_and_filter_the_answers(editor):
    login = make_article(title_en="Log in")
    other = make_article(title_en="Other")
    answers(login, "fr", yes=1, no=1, reason="unclear", comment="Trop vague")
    answers(other, "en", no=1, reason="broken", comment="Image missing")
    html = editor.get(ANSWERS).content.decode()
    assert "Trop vague" in html
    assert "Image missing" in html
    cases = [
        ({"article__id__exact": login.pk}, "Trop vague", "Image missing"),
        ({"language__exact": "en"}, "Image missing", "Trop vague"),
        ({"reason__exact": "broken"}, "Image missing", "Trop vague"),
        ({"value__exact": "yes"}, "1 feedback", "Trop vague"),
        ({"commented": "yes", "q": "vague"}, "Trop vague", "Image missing"),
    ]
    for filters, shown, hidden in cases:
        page = editor.get(ANSWERS, filters).content.decode()
        assert shown in page, filters
        assert hidden not in page, filters
    today = re.search(r'href="(\?voted_at__gte=[^"]*)"', html).group(1)
    assert (
        "Trop vague"
        in editor.get(ANSWERS + today.replace("&amp;", "&")).content.decode()
    )
    Feedback.objects.update(voted_at=timezone.now() - timezone.timedelta(days=400))
    assert (
        "Trop vague"
        not in editor.get(ANSWERS + today.replace("&amp;", "&")).content.decode()
    )


def test_an_answer_can_be_read_but_not_changed_or_added(editor):
    answers(make_article(), no=1, reason="other", comment="Long comment " * 20)
    answer = Feedback.objects.get()
    listed = editor.get(ANSWERS).content.decode()
    assert f'<td class="field-comment_excerpt">{answer.comment[:79]}…</td>' in listed
    page = editor.get(f"{ANSWERS}{answer.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert ("Long comment " * 20).strip() in html
    assert 'name="comment"' not in html
    assert editor.get(f"{ANSWERS}add/").status_code == 403


def test_the_csv_export_has_the_filtered_answers_safe_for_spreadsheets(editor):
    login = make_article(key="log-in", title_en="Log in")
    answers(login, "fr", no=1, reason="unclear", comment="=HYPERLINK(1)")
    answers(make_article(), "en", yes=1)
    page = editor.get(ANSWERS, {"language__exact": "fr"}).content.decode()
    link = re.search(r'href="([^"]*/export/[^"]*)"', page).group(1)
    response = editor.get(link.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 1
    assert rows[0]["article_key"] == "log-in"
    assert rows[0]["language"] == "fr"
    assert rows[0]["answer"] == "no"
    assert rows[0]["reason"] == "unclear"
    assert rows[0]["comment"] == "'=HYPERLINK(1)"


def test_the_csv_export_refuses_unknown_filters(editor):
    response = editor.get(f"{ANSWERS}export/", {"nope__exact": "1"})
    assert response.status_code == 400


def test_the_needs_attention_page_lists_low_articles_and_weak_translations(
    editor, settings
):
    settings.FEEDBACK_ATTENTION_MIN_VOTES = 10
    poor = make_article(title_en="Poor everywhere")
    answers(poor, yes=1, no=11)
    translated = make_article(title_en="Bad French")
    answers(translated, "en", yes=30)
    answers(translated, "fr", yes=2, no=10)
    html = editor.get(f"{ANSWERS}attention/").content.decode()
    low = html[html.index("Rarely helpful") : html.index("Translations less")]
    assert "Poor everywhere" in low
    assert "8%" in low
    gaps = html[html.index("Translations less") :]
    assert "Bad French" in gaps
    assert "French" in gaps
    assert "17% (2/12" in gaps
    assert f"{ARTICLES}{translated.pk}/change/#helpfulness" in gaps


@pytest.mark.parametrize("path", ["", "export/", "attention/"])
def test_the_answers_are_for_editors_only(client, django_user_model, path):
    assert client.get(f"{ANSWERS}{path}").status_code == 302  # to the login
    writer = django_user_model.objects.create_user(
        "writer", password="x", is_staff=True
    )
    writer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(writer)
    assert client.get(f"{ANSWERS}{path}").status_code == 403


def test_content_health_lists_the_least_helpful_articles(editor):
    unhelpful = make_article(title_en="Nobody likes this")
    answers(unhelpful, yes=1, no=11)
    page = editor.get("/admin/articles/article/health/").content.decode()
    assert f'href="/admin/articles/article/{unhelpful.pk}/change/"' in page
    assert "1 of 12" in page
