"""Readers the shared page is not for (signed in, answered, a message
waiting) get it with only their own parts rendered for them
(helpcenter/page_parts.py): the same page as a whole render would give
them, without rendering the article again."""

import re

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.tests.helpers import database_queries, make_article
from feedback.models import Feedback
from helpcenter import page_parts

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
# What may differ between readers: the header's account link or menu, the
# messages, the widget and the support link beside it.
HEADER_NAV = re.compile(r'<nav class="header-nav".*?</nav>', re.S)


@pytest.fixture
def article():
    return make_article(title_en="Log in", title_fr="Se connecter")


@pytest.fixture
def shared(article):
    """The article's shared French page, in the cache (its first reader)."""
    response = Client().get(article.url_in("fr"))
    assert response.has_header("ETag")
    return response.content.decode()


def signed_in(username="lea"):
    client = Client()
    client.force_login(get_user_model().objects.create_user(username))
    return client


def with_message(text):
    client = Client()
    storage = CookieStorage(None)
    client.cookies[storage.cookie_name] = storage._encode(
        [Message(messages.INFO, text)]
    )
    return client


def reads_articles(queries):
    """Whether the page was rendered: articles were read (not just the time
    of the next scheduled one, which storing in the cache asks)."""
    return any('"articles_article"."key"' in sql for sql in queries)


def queries_of(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return response, database_queries(captured)


def test_a_signed_in_reader_gets_the_shared_page_with_their_account_menu(
    article, shared
):
    response, queries = queries_of(signed_in("lea"), article.url_in("fr"))
    page = response.content.decode()
    assert "<strong>lea</strong>" in page
    # Not rendered again: the article is not even read.
    assert not reads_articles(queries)
    assert HEADER_NAV.sub("", page) == HEADER_NAV.sub("", shared)
    assert "private" in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_each_signed_in_reader_sees_their_own_name(article, shared):
    assert "<strong>lea</strong>" in signed_in("lea").get(article.url_in("fr")).text
    other = signed_in("noor").get(article.url_in("fr")).text
    assert "<strong>noor</strong>" in other
    assert "<strong>lea</strong>" not in other


def test_a_reader_who_answered_sees_their_answer_in_the_shared_page(article, shared):
    voter = Client(headers=SAME_ORIGIN)
    voter.post(
        f"/fr/articles/{article.pk}/feedback/", {"value": "no", "reason": "inaccurate"}
    )
    # The vote made the shared page stale; the next anonymous reader renders
    # it again (until then, readers of their own get the whole page).
    Client().get(article.url_in("fr"))
    response, queries = queries_of(voter, article.url_in("fr"))
    page = response.content.decode()
    assert 'value="no" aria-pressed="true"' in page
    # The support link beside the widget carries the reason of their No.
    assert "reason=inaccurate" in page
    assert not reads_articles(queries)
    assert "private" in response["Cache-Control"]
    assert 'aria-pressed="true"' not in Client().get(article.url_in("fr")).text


def test_a_waiting_message_is_shown_once_in_the_shared_page(article, shared):
    reader = with_message("You have signed out.")
    response, queries = queries_of(reader, article.url_in("fr"))
    assert "You have signed out." in response.text
    assert not reads_articles(queries)
    assert "You have signed out." not in reader.get(article.url_in("fr")).text


def test_a_reader_gets_the_whole_page_rendered_until_the_shared_one_is_cached(
    article,
):
    response, queries = queries_of(signed_in("lea"), article.url_in("fr"))
    assert "<strong>lea</strong>" in response.text
    assert reads_articles(queries)
    # What was rendered for one reader was not kept for everyone.
    anonymous = Client().get(article.url_in("fr")).text
    assert "<strong>lea</strong>" not in anonymous
    assert "/fr/accounts/login/" in anonymous


def test_a_spliced_page_is_the_page_a_whole_render_gives(article, shared, settings):
    reader = signed_in("lea")
    spliced = reader.get(article.url_in("fr")).text
    settings.PAGE_CACHE_SECONDS = 0
    whole = reader.get(article.url_in("fr")).text
    assert spliced == whole


def test_a_page_of_the_reader_who_answered_is_the_page_a_whole_render_gives(
    article, shared, settings
):
    voter = Client(headers=SAME_ORIGIN)
    voter.post(f"/fr/articles/{article.pk}/feedback/", {"value": "yes"})
    spliced = voter.get(article.url_in("fr")).text
    settings.PAGE_CACHE_SECONDS = 0
    assert spliced == voter.get(article.url_in("fr")).text


@pytest.mark.parametrize("path", ["/fr/", "/en/", "/fr/search/?q=connecter"])
def test_other_shared_pages_show_the_readers_own_parts_too(article, path):
    Client().get(path)
    page = signed_in("lea").get(path).text
    assert "<strong>lea</strong>" in page


def test_marks_never_reach_a_reader(article):
    token = page_parts._TOKEN
    paths = ["/fr/", article.category.url_in("fr"), article.url_in("fr")]
    for path in paths:
        for client in (Client(), Client(), signed_in(f"r{len(path)}")):
            assert token not in client.get(path).text


def test_the_queries_of_a_page_rendered_for_one_reader_do_not_grow():
    first, second = make_article(title_en="One"), make_article(title_en="Two")
    reader = signed_in("lea")
    voter = Client(headers=SAME_ORIGIN)
    for article in (first, second):
        Client().get(article.url_in("en"))
        voter.post(f"/en/articles/{article.pk}/feedback/", {"value": "yes"})
        reader.get(article.url_in("en"))  # its session's "last seen" is noted
        Client().get(article.url_in("en"))  # the shared page, after the vote
        voter.get(article.url_in("en"))  # the widget with their answer, cached
    assert Feedback.objects.count() == 2
    for article in (first, second):
        # Their session, their account, their answer (none here); the shared
        # page and its tags' versions come in one cache read.
        assert len(queries_of(reader, article.url_in("en"))[1]) == 3
        # Their answer; the widget showing it is one more cache read.
        assert len(queries_of(voter, article.url_in("en"))[1]) == 1
