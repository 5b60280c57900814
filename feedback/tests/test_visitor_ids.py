"""Visitor ids are the server's to give: signed in their cookie, so a
client cannot make up voters, and how many new visitors one address may
start is limited apart from the votes themselves."""

import pytest
from django.test import Client

from articles.tests.helpers import make_article
from feedback.models import Feedback
from feedback.visitors import VISITOR_COOKIE, visitor_cookie

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
MADE_UP = "A" * 22  # the shape of an id


@pytest.fixture
def article():
    return make_article()


def vote(client, article, value="yes"):
    return client.post(f"/en/articles/{article.pk}/feedback/", {"value": value})


def reader(cookie=None):
    client = Client(headers=SAME_ORIGIN)
    if cookie is not None:
        client.cookies[VISITOR_COOKIE] = cookie
    return client


def test_a_first_vote_gets_a_signed_id_and_later_votes_keep_it(article):
    client = reader()
    vote(client, article)
    [stored] = Feedback.objects.values_list("visitor", flat=True)
    assert client.cookies[VISITOR_COOKIE].value == visitor_cookie(stored)
    assert client.cookies[VISITOR_COOKIE].value != stored
    vote(client, article, "no")
    assert list(Feedback.objects.values_list("visitor", "value")) == [(stored, "no")]


@pytest.mark.parametrize(
    "cookie",
    [MADE_UP, visitor_cookie(MADE_UP)[:-1] + "x", f"{MADE_UP}:forged", "user:1"],
)
def test_a_made_up_or_tampered_id_is_replaced_by_one_of_ours(article, cookie):
    client = reader(cookie)
    assert vote(client, article).status_code == 303
    [stored] = Feedback.objects.values_list("visitor", flat=True)
    assert stored != MADE_UP
    assert client.cookies[VISITOR_COOKIE].value == visitor_cookie(stored)


def test_an_unsigned_id_from_before_signing_keeps_its_answers(article):
    # Cookies set before ids were signed: their answers stay theirs.
    Feedback.objects.create(article=article, visitor=MADE_UP, language="en", value="no")
    client = reader(MADE_UP)
    vote(client, article, "yes")
    assert list(Feedback.objects.values_list("visitor", "value")) == [(MADE_UP, "yes")]
    assert client.cookies[VISITOR_COOKIE].value == visitor_cookie(MADE_UP)


def test_a_signed_id_shows_its_own_answer_on_the_article_page(article):
    client = reader()
    vote(client, article, "no")
    page = client.get(article.url_in("en"))
    assert 'value="no" aria-pressed="true"' in page.content.decode()
    assert "private" in page["Cache-Control"]


def test_new_visitors_per_address_are_limited_apart_from_votes(article, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "new_visitor": "3/h/ip",
    }
    started = [reader() for _number in range(3)]
    assert [vote(client, article).status_code for client in started] == [303] * 3
    assert vote(reader(), article).status_code == 429
    assert vote(reader(MADE_UP), article).status_code == 429
    # Visitors the address started keep changing their answers.
    assert vote(started[0], article, "no").status_code == 303
    assert sorted(Feedback.objects.values_list("value", flat=True)) == [
        "no",
        "yes",
        "yes",
    ]
