"""Readers answer "Did this answer your question?": one vote per visitor per
article, without an account and without JavaScript, and bad input never
leaves a row behind."""

import datetime
import re
import uuid
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.tests.helpers import database_queries, make_article
from feedback import stats, votes
from feedback.models import Feedback
from feedback.visitors import VISITOR_COOKIE

from .helpers import answers

pytestmark = pytest.mark.django_db

# What every current browser sends with a form posted from our own page.
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
JSON = {**SAME_ORIGIN, "Accept": "application/json"}


@pytest.fixture
def reader():
    """A browser: CSRF checks on, requests marked as sent by our pages."""
    return Client(enforce_csrf_checks=True, headers=SAME_ORIGIN)


@pytest.fixture
def article():
    return make_article(title_en="Log in", title_fr="Se connecter")


def vote_url(article, language="fr"):
    return f"/{language}/articles/{article.pk}/feedback/"


def widget_html(page):
    html = page.content.decode()
    match = re.search(r'<section class="feedback".*?</section>', html, re.S)
    assert match, "no feedback widget on the page"
    return match.group(0)


def pressed(page):
    """The value of the button shown as chosen, or None."""
    match = re.search(
        r'<button type="submit" name="value" value="(\w+)" aria-pressed="true"',
        widget_html(page),
    )
    return match.group(1) if match else None


def followup_shown(page):
    return "data-feedback-followup hidden" not in widget_html(page)


# The widget on the article page


def test_every_published_article_asks_the_question_with_yes_and_no(reader, article):
    widget = widget_html(reader.get(article.url_in("fr")))
    assert "Cet article a-t-il répondu à votre question" in widget
    assert 'role="group" aria-labelledby="feedback-title"' in widget
    assert f'action="{vote_url(article)}"' in widget
    assert 'value="yes" aria-pressed="false"' in widget
    assert 'value="no" aria-pressed="false"' in widget
    assert 'aria-live="polite"' in widget


def test_the_widget_comes_after_the_article_and_before_support(reader, article):
    html = reader.get(article.url_in("en")).content.decode()
    assert html.index("</article>") < html.index('id="feedback"')
    assert html.index('id="feedback"') < html.index('class="support"')


def test_the_script_is_one_deferred_file_and_there_is_no_inline_script(reader, article):
    response = reader.get(article.url_in("en"))
    page = response.content.decode()
    assert '<script src="/static/js/feedback.js" defer></script>' in page
    assert all(" src=" in tag for tag in re.findall(r"<script[^>]*>", page))
    widget = widget_html(response)
    assert " style=" not in widget
    assert " on" not in re.sub(r'"[^"]*"', '""', widget)


def test_a_draft_preview_has_no_widget(client, django_user_model):
    draft = make_article(status=Article.Status.DRAFT)
    client.force_login(
        django_user_model.objects.create_user("editor", password="x", is_staff=True)
    )
    assert 'id="feedback"' not in client.get(draft.url_in("en")).content.decode()


def test_the_followup_offers_every_reason_and_a_limited_comment(reader, article):
    widget = widget_html(reader.get(article.url_in("en")))
    for reason in Feedback.Reason.values:
        assert f'name="reason" value="{reason}"' in widget
    assert 'maxlength="1000"' in widget
    assert "Up to 1,000 characters" in widget
    assert 'aria-describedby="feedback-comment-help"' in widget


# Voting without JavaScript


def test_an_anonymous_vote_is_stored_and_brings_the_reader_back_with_thanks(
    reader, article
):
    response = reader.post(vote_url(article), {"value": "yes"})
    assert response.status_code == 303
    assert response["Location"] == f"{article.url_in('fr')}?feedback=sent#feedback"
    vote = Feedback.objects.get()
    assert (vote.article, vote.value, vote.language, vote.user) == (
        article,
        "yes",
        "fr",
        None,
    )
    page = reader.get(response["Location"])
    assert pressed(page) == "yes"
    assert "Merci pour votre avis" in widget_html(page)
    assert not followup_shown(page)


def test_after_no_the_page_shows_the_followup(reader, article):
    response = reader.post(vote_url(article), {"value": "no"})
    page = reader.get(response["Location"])
    assert pressed(page) == "no"
    assert followup_shown(page)


def test_after_no_support_is_offered_once_in_the_page_and_once_in_the_footer(
    reader, article
):
    response = reader.post(vote_url(article), {"value": "no"})
    html = reader.get(response["Location"]).content.decode()
    main, footer = html.split('<footer class="site-footer">')
    assert main.count('href="/fr/support/') == 1
    assert footer.count('href="/fr/support/') == 1


def test_the_followup_stores_the_reason_and_comment(reader, article):
    reader.post(vote_url(article), {"value": "no"})
    response = reader.post(
        vote_url(article),
        {"value": "no", "reason": "inaccurate", "comment": "Step 3 is gone."},
    )
    vote = Feedback.objects.get()
    assert (vote.value, vote.reason, vote.comment) == (
        "no",
        "inaccurate",
        "Step 3 is gone.",
    )
    page = reader.get(response["Location"])
    assert "vos commentaires nous aideront" in widget_html(page)
    assert not followup_shown(page)


def test_the_visitor_cookie_is_random_httponly_and_lax(reader, article):
    reader.post(vote_url(article), {"value": "yes"})
    cookie = reader.cookies[VISITOR_COOKIE]
    # A random id, signed (test_visitor_ids.py).
    assert re.fullmatch(r"[\w-]{22}:[\w-]+:[\w-]+", cookie.value)
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["secure"]
    other = Client(headers=SAME_ORIGIN)
    other.post(vote_url(article), {"value": "yes"})
    assert other.cookies[VISITOR_COOKIE].value != cookie.value


def test_the_visitor_cookie_is_secure_on_https(reader, article):
    reader.post(vote_url(article), {"value": "yes"}, secure=True)
    assert reader.cookies[VISITOR_COOKIE]["secure"]


def test_voting_again_changes_the_vote_instead_of_adding_one(reader, article):
    reader.post(vote_url(article), {"value": "yes"})
    reader.post(vote_url(article), {"value": "no"})
    assert list(Feedback.objects.values_list("value", flat=True)) == ["no"]
    assert pressed(reader.get(article.url_in("fr"))) == "no"


def test_each_visitor_has_one_vote_per_article(reader, article):
    other_article = make_article()
    reader.post(vote_url(article), {"value": "yes"})
    reader.post(vote_url(other_article), {"value": "no"})
    Client(headers=SAME_ORIGIN).post(vote_url(article), {"value": "no"})
    assert Feedback.objects.count() == 3
    assert Feedback.objects.filter(article=article).count() == 2


def test_a_plain_no_keeps_the_earlier_reason_and_comment(reader, article):
    reader.post(vote_url(article), {"value": "no", "reason": "unclear", "comment": "?"})
    reader.post(vote_url(article), {"value": "no"})
    vote = Feedback.objects.get()
    assert (vote.reason, vote.comment) == ("unclear", "?")


def test_a_no_with_a_reason_turned_into_a_yes_keeps_the_reason_and_comment(
    reader, article
):
    reader.post(
        vote_url(article),
        {"value": "no", "reason": "inaccurate", "comment": "Step 3 is gone."},
    )
    reader.post(vote_url(article), {"value": "yes"})
    vote = Feedback.objects.get()
    assert (vote.value, vote.reason, vote.comment) == (
        "yes",
        "inaccurate",
        "Step 3 is gone.",
    )


def test_record_vote_keeps_a_no_s_words_when_the_answer_turns_to_yes(article):
    visitor = votes.Visitor("visitor-1")
    votes.record_vote(
        article, visitor, value="no", language="en", comment="Why?", details=True
    )
    answer = votes.record_vote(article, visitor, value="yes", language="en")
    assert answer.value == "yes"
    stored = Feedback.objects.get()
    assert (stored.value, stored.comment) == ("yes", "Why?")


def test_the_widget_says_the_answer_can_be_changed(reader, article):
    reader.post(vote_url(article), {"value": "no"})
    widget = widget_html(reader.get(article.url_in("en")))
    assert "You can change your answer at any time." in widget


def test_a_returning_visitor_sees_their_vote_on_a_private_page(reader, article):
    reader.post(vote_url(article), {"value": "no"})
    page = reader.get(article.url_in("en"))
    assert pressed(page) == "no"
    assert "private" in page["Cache-Control"]
    assert "Cookie" in page["Vary"]


def test_a_signed_in_reader_votes_as_themselves_from_any_browser(
    django_user_model, article
):
    user = django_user_model.objects.create_user("ann", password="x")
    laptop, phone = Client(headers=SAME_ORIGIN), Client(headers=SAME_ORIGIN)
    laptop.force_login(user)
    phone.force_login(user)
    laptop.post(vote_url(article), {"value": "yes"})
    phone.post(vote_url(article), {"value": "no"})
    vote = Feedback.objects.get()
    assert (vote.user, vote.visitor, vote.value) == (user, f"user:{user.pk}", "no")
    assert VISITOR_COOKIE not in phone.cookies
    assert pressed(laptop.get(article.url_in("en"))) == "no"


def test_a_forged_visitor_cookie_is_replaced_by_a_random_one(reader, article):
    reader.cookies[VISITOR_COOKIE] = "user:1"
    reader.post(vote_url(article), {"value": "yes"})
    assert Feedback.objects.get().visitor != "user:1"
    assert reader.cookies[VISITOR_COOKIE].value != "user:1"


# What each vote records


def test_a_vote_records_the_language_and_version_of_the_text_read(reader, article):
    reader.post(vote_url(article, "en"), {"value": "yes"})
    vote = Feedback.objects.get()
    assert vote.language == "en"
    assert vote.article_updated_at == article.content_updated_at_en


def test_a_vote_on_an_untranslated_page_records_the_language_read(reader):
    english_only = make_article(title_fr="", summary_fr="", body_fr="")
    reader.post(vote_url(english_only, "fr"), {"value": "no"})
    assert Feedback.objects.get().language == "en"


def test_record_vote_returns_the_answer_as_stored(article):
    visitor = votes.Visitor("visitor-1")
    first = votes.record_vote(
        article,
        visitor,
        value="no",
        language="fr",
        reason="unclear",
        search_query="login",
        details=True,
    )
    again = votes.record_vote(article, visitor, value="no", language="en")
    stored = Feedback.objects.get()
    assert (again.pk, again.created_at, again.voted_at) == (
        stored.pk,
        first.created_at,
        stored.voted_at,
    )
    assert (again.language, again.reason, again.search_query) == (
        "en",
        "unclear",
        "login",
    )


def from_page(url):
    """The Referer a browser sends with a vote from the page at `url`."""
    return {"Referer": f"http://testserver{url}"}


def test_the_search_query_the_reader_came_from_is_recorded(reader, article):
    query = "mot de passe " + "x" * 300
    page_url = f"{article.url_in('fr')}?{urlencode({'q': query})}"
    page = reader.get(page_url)
    # The page is the one every reader gets: the query is in its address.
    assert page.content == reader.get(article.url_in("fr")).content
    response = reader.post(
        vote_url(article), {"value": "no"}, headers=from_page(page_url)
    )
    assert Feedback.objects.get().search_query == query[:200]
    # The thank-you page keeps it, for the follow-up's Referer.
    assert "q=mot+de+passe" in response["Location"]
    reader.post(
        vote_url(article),
        {"value": "no", "reason": "unclear"},
        headers=from_page(response["Location"]),
    )
    assert Feedback.objects.get().search_query == query[:200]


def test_a_search_query_from_another_site_is_not_recorded(article):
    reader = Client(enforce_csrf_checks=False)
    reader.post(
        vote_url(article),
        {"value": "yes"},
        headers={"Referer": f"https://evil.example{article.url_in('fr')}?q=spam"},
    )
    assert Feedback.objects.get().search_query == ""


@pytest.mark.parametrize("referer", ["http://[/", "http://a]b/", "http://[::1/?q=x"])
def test_a_referer_that_is_no_address_is_recorded_without_a_query(
    reader, article, referer
):
    response = reader.post(
        vote_url(article), {"value": "yes"}, headers={"Referer": referer}
    )
    assert response.status_code == 303
    assert Feedback.objects.get().search_query == ""


def test_an_odd_search_query_is_cut_and_cleaned(reader, article):
    # As the search page would have it: control characters are spaces, runs
    # of spaces one, and at most 200 characters.
    query = urlencode({"q": "y\x00 \t" * 500})
    url = f"{article.url_in('fr')}?{query}"
    reader.post(vote_url(article), {"value": "yes"}, headers=from_page(url))
    assert Feedback.objects.get().search_query == " ".join(["y"] * 100)


def test_a_vote_without_a_search_keeps_the_query_recorded_earlier(reader, article):
    url = f"{article.url_in('fr')}?q=login"
    reader.post(vote_url(article), {"value": "no"}, headers=from_page(url))
    reader.post(
        vote_url(article),
        {"value": "no", "reason": "unclear"},
        headers=from_page(article.url_in("fr")),
    )
    assert Feedback.objects.get().search_query == "login"


def test_a_vote_records_when_the_translation_read_was_last_updated():
    french_updated_at = datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC)
    article = make_article(content_updated_at_fr=french_updated_at)
    assert article.content_updated_at_en != french_updated_at
    votes.record_vote(article, votes.Visitor("visitor-1"), value="yes", language="fr")
    assert Feedback.objects.get().article_updated_at == french_updated_at


def test_a_vote_on_an_untranslated_page_records_when_the_english_was_updated():
    english_only = make_article(title_fr="", summary_fr="", body_fr="")
    votes.record_vote(
        english_only, votes.Visitor("visitor-1"), value="yes", language="fr"
    )
    stored = Feedback.objects.get().article_updated_at
    assert stored is not None
    assert stored == english_only.content_updated_at_en


def test_a_changed_answer_records_the_version_of_the_text_read_last(article):
    visitor = votes.Visitor("visitor-1")
    votes.record_vote(article, visitor, value="yes", language="fr")
    first = Feedback.objects.get().article_updated_at
    article.body_fr += "\n\nMis à jour."
    article.save()
    assert article.content_updated_at_fr != first
    votes.record_vote(article, visitor, value="yes", language="fr")
    assert Feedback.objects.get().article_updated_at == article.content_updated_at_fr


def test_a_changed_answer_counts_in_the_week_it_was_last_given(article):
    visitor = votes.Visitor("visitor-1")
    votes.record_vote(article, visitor, value="yes", language="en")
    Feedback.objects.update(voted_at=timezone.now() - datetime.timedelta(weeks=3))
    votes.record_vote(article, visitor, value="no", language="en")
    weeks = stats.weekly_counts(article.pk)
    assert (weeks[-1].yes, weeks[-1].no) == (0, 1)
    assert weeks[-4].total == 0


def test_a_first_plain_no_stores_no_reason_nor_comment(article):
    stored = votes.record_vote(
        article, votes.Visitor("visitor-1"), value="no", language="en"
    )
    assert (stored.reason, stored.comment) == ("", "")


def test_a_yes_stores_no_reason_nor_comment_even_when_given(article):
    votes.record_vote(
        article,
        votes.Visitor("visitor-1"),
        value="yes",
        language="en",
        reason="unclear",
        comment="?",
        details=True,
    )
    vote = Feedback.objects.get()
    assert (vote.reason, vote.comment) == ("", "")


def test_a_new_search_query_replaces_the_one_recorded_earlier(article):
    visitor = votes.Visitor("visitor-1")
    votes.record_vote(
        article, visitor, value="yes", language="en", search_query="login"
    )
    votes.record_vote(
        article, visitor, value="yes", language="en", search_query="password"
    )
    assert Feedback.objects.get().search_query == "password"


def test_vote_of_is_the_visitors_answer_about_that_article_only(article):
    visitor = votes.Visitor("visitor-1")
    votes.record_vote(make_article(), visitor, value="yes", language="en")
    votes.record_vote(article, votes.Visitor("visitor-2"), value="no", language="en")
    assert votes.vote_of(article.pk, visitor) is None
    votes.record_vote(article, visitor, value="yes", language="en")
    assert votes.vote_of(article.pk, visitor).value == "yes"


# Voting with JavaScript (the same forms, answered in JSON)


def test_a_script_vote_is_answered_in_json_with_the_message(article):
    client = Client(headers=JSON)
    response = client.post(vote_url(article), {"value": "no"})
    assert response.status_code == 200
    assert response.json() == {
        "value": "no",
        "followup": True,
        "message": "Merci de nous l’avoir signalé.",
    }
    assert VISITOR_COOKIE in client.cookies
    details = client.post(vote_url(article), {"value": "no", "comment": "Outdated"})
    assert details.json()["followup"] is False
    assert Feedback.objects.get().comment == "Outdated"


def test_a_plain_no_after_details_is_answered_as_the_stored_answer(article):
    script = Client(headers=JSON)
    script.post(vote_url(article), {"value": "no", "reason": "unclear", "comment": "?"})
    response = script.post(vote_url(article), {"value": "no"})
    # The reason and comment given earlier are kept, so the follow-up is not
    # asked again, as the page without JavaScript shows it.
    assert response.json() == {
        "value": "no",
        "followup": False,
        "message": "Merci, vos commentaires nous aideront à améliorer cet article.",
    }
    assert not followup_shown(script.get(article.url_in("fr")))
    vote = Feedback.objects.get()
    assert (vote.value, vote.reason, vote.comment) == ("no", "unclear", "?")


# "N of M people found this helpful"


def test_the_helpful_count_shows_once_there_are_enough_votes(client, article):
    answers(article, yes=3, no=1)
    assert "found this helpful" not in widget_html(client.get(article.url_in("en")))
    answers(make_article(), yes=9, no=9)  # other articles do not count
    answers(article, "fr", no=1)
    widget = widget_html(client.get(article.url_in("en")))
    assert "3 of 5 people found this helpful." in widget


def test_the_helpful_count_is_translated(client, article):
    answers(article, yes=1, no=4)
    widget = widget_html(client.get(article.url_in("fr")))
    assert "1 personne sur 5 a trouvé cet article utile." in widget


def test_the_helpful_count_can_be_turned_off(client, article, settings):
    settings.FEEDBACK_SHOW_HELPFUL_COUNT = False
    answers(article, yes=5, no=5)
    assert "found this helpful" not in widget_html(client.get(article.url_in("en")))


def test_answers_an_article_lacks_are_counted_as_zero(article, settings):
    settings.FEEDBACK_HELPFUL_COUNT_MIN_VOTES = 0
    assert stats.public_count(article.pk) == (0, 0)
    answers(article, no=2)
    assert stats.public_count(article.pk) == (0, 2)


def test_the_helpful_count_shows_from_the_number_of_answers_in_the_settings(
    article, settings
):
    settings.FEEDBACK_HELPFUL_COUNT_MIN_VOTES = 3
    answers(article, yes=1, no=1)
    assert stats.public_count(article.pk) is None
    answers(article, yes=1)
    assert stats.public_count(article.pk) == (2, 3)


def test_each_article_shows_its_own_helpful_count(settings):
    settings.FEEDBACK_HELPFUL_COUNT_MIN_VOTES = 1
    liked, disliked = make_article(), make_article()
    answers(liked, yes=3)
    answers(disliked, no=2)
    assert stats.public_count(liked.pk) == (3, 3)
    assert stats.public_count(disliked.pk) == (0, 2)


def test_each_articles_count_is_kept_apart_in_the_cache(settings):
    settings.FEEDBACK_HELPFUL_COUNT_MIN_VOTES = 1
    liked, disliked = make_article(), make_article()
    answers(liked, yes=3)
    answers(disliked, no=2)
    stats.public_count(liked.pk)
    stats.public_count(disliked.pk)
    with CaptureQueriesContext(connection) as captured:
        assert stats.public_count(liked.pk) == (3, 3)
    assert database_queries(captured) == []


def test_answers_are_not_counted_when_the_helpful_count_is_off(
    article, settings, django_assert_num_queries
):
    settings.FEEDBACK_SHOW_HELPFUL_COUNT = False
    answers(article, yes=5, no=5)
    with django_assert_num_queries(0):
        assert stats.public_count(article.pk) is None


# Cacheable article pages (and CSRF without a token in them)


def test_the_article_page_has_no_csrf_token_nor_personal_state(client, article):
    page = client.get(article.url_in("fr"))
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert "csrftoken" not in page.cookies
    assert VISITOR_COOKIE not in page.cookies
    assert "private" not in page.get("Cache-Control", "")


def browser(**cookies):
    visitor = Client(enforce_csrf_checks=True, headers=SAME_ORIGIN)
    for name, value in {"django_language": "fr", **cookies}.items():
        visitor.cookies[name] = value
    return visitor


def test_a_cached_article_page_does_not_make_anonymous_votes_fail(article):
    """The known failure: a page cached with one visitor's CSRF token makes
    other visitors' votes fail with 403. Here new visitors are given the
    page kept whole in the shared cache (helpcenter/page_cache.py); their votes
    count, as do those of a visitor with an old CSRF cookie given the same
    page by a cache that ignores `Vary: Cookie`."""
    html = browser().get(article.url_in("fr")).content.decode()
    action = re.search(r'class="feedback-vote" method="post" action="([^"]+)"', html)
    visitors = (browser(), browser())
    for visitor in visitors:
        with CaptureQueriesContext(connection) as queries:
            page = visitor.get(article.url_in("fr"))
        assert not database_queries(queries), "the page was not served from the cache"
        assert page.content.decode() == html
    for visitor in visitors:
        assert visitor.post(action.group(1), {"value": "yes"}).status_code == 303
    stale = browser(csrftoken="stale-token-from-another-visitor")
    assert stale.post(action.group(1), {"value": "no"}).status_code == 303
    assert Feedback.objects.count() == 3


def test_a_recorded_vote_refreshes_the_cached_article_page(client, article):
    answers(article, yes=5)
    assert "5 of 5 people" in client.get(article.url_in("en")).content.decode()
    votes.record_vote(article, votes.Visitor("visitor-x"), value="no", language="en")
    assert "5 of 6 people" in client.get(article.url_in("en")).content.decode()


# Bad input and abuse


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://sub.testserver"},
        # Browsers that send Sec-Fetch-Site are believed over Origin.
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"},
    ],
)
def test_a_vote_without_proof_of_coming_from_our_page_is_403(article, headers):
    client = Client(enforce_csrf_checks=True, headers=headers)
    response = client.post(vote_url(article), {"value": "yes"})
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_older_browsers_prove_it_with_the_origin(article):
    client = Client(enforce_csrf_checks=True, headers={"Origin": "http://testserver"})
    assert client.post(vote_url(article), {"value": "yes"}).status_code == 303


def test_a_client_with_a_valid_csrf_token_may_vote_without_those_headers(article):
    client = Client(enforce_csrf_checks=True)
    secret = "a" * 32
    client.cookies["csrftoken"] = secret
    response = client.post(
        vote_url(article), {"value": "yes", "csrfmiddlewaretoken": secret}
    )
    assert response.status_code == 303
    bad = client.post(
        vote_url(article), {"value": "no", "csrfmiddlewaretoken": "b" * 32}
    )
    assert bad.status_code == 403
    assert Feedback.objects.get().value == "yes"


def test_an_unknown_article_is_404(reader):
    assert (
        reader.post("/fr/articles/999999/feedback/", {"value": "yes"}).status_code
        == 404
    )


def test_an_unpublished_article_is_404_even_for_staff(django_user_model):
    draft = make_article(status=Article.Status.DRAFT)
    client = Client(headers=SAME_ORIGIN)
    client.force_login(
        django_user_model.objects.create_user("e", password="x", is_staff=True)
    )
    assert client.post(vote_url(draft), {"value": "yes"}).status_code == 404
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("method", ["get", "head", "put", "patch", "delete"])
def test_other_methods_are_405(reader, article, method):
    response = getattr(reader, method)(vote_url(article))
    assert response.status_code == 405
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choisissez Oui ou Non."),
        ({"value": "maybe"}, "Choisissez Oui ou Non."),
        ({"value": "no", "reason": "bored"}, "Choisissez l’une des raisons proposées."),
        (
            {"value": "yes", "reason": "unclear"},
            "Une raison ou un commentaire ne peut accompagner qu’un Non.",
        ),
        ({"value": "yes", "comment": "Great"}, "qu’un Non"),
        ({"value": "no", "comment": "x" * 1001}, "1000 caractères (il en a 1001)"),
        ({"value": "no", "comment": "nul \x00 byte"}, "caractère nul"),
    ],
)
def test_bad_input_is_400_with_a_message_and_stores_nothing(
    reader, article, data, message
):
    response = reader.post(vote_url(article), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert article.url_in("fr") in response.content.decode()
    script = Client(headers=JSON).post(vote_url(article), data)
    assert script.status_code == 400
    assert message in script.json()["message"]
    assert not Feedback.objects.exists()


def test_an_over_long_comment_changes_nothing_already_stored(reader, article):
    reader.post(vote_url(article), {"value": "no", "comment": "first"})
    reader.post(vote_url(article), {"value": "yes", "comment": "x" * 1001})
    reader.post(vote_url(article), {"value": "no", "comment": "x" * 1001})
    vote = Feedback.objects.get()
    assert (vote.value, vote.comment) == ("no", "first")


def test_a_comment_of_the_limit_with_line_breaks_is_accepted(reader, article):
    comment = "\r\n".join(["a" * 99] * 10) + "a"  # 1,000 as browsers count
    response = reader.post(vote_url(article), {"value": "no", "comment": comment})
    assert response.status_code == 303
    assert len(Feedback.objects.get().comment) == 1000


def test_votes_are_rate_limited_per_visitor_with_a_translated_429(reader, article):
    for _ in range(10):
        assert reader.post(vote_url(article), {"value": "yes"}).status_code == 303
    response = reader.post(vote_url(article), {"value": "no"})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert Feedback.objects.get().value == "yes"
    # Another visitor from the same address is not held back by this one.
    assert (
        Client(headers=SAME_ORIGIN).post(vote_url(article), {"value": "no"}).status_code
        == 303
    )


def test_votes_are_rate_limited_per_address(article, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "vote": "3/m/ip"}
    for _ in range(3):
        Client(headers=SAME_ORIGIN).post(vote_url(article), {"value": "yes"})
    response = Client(headers=JSON).post(vote_url(article), {"value": "yes"})
    assert response.status_code == 429
    assert "Veuillez patienter une minute" in response.json()["message"]
    assert Feedback.objects.count() == 3


def test_votes_from_a_deleted_account_are_kept_but_anonymised(
    django_user_model, article
):
    user = django_user_model.objects.create_user("gone", password="x")
    client = Client(headers=SAME_ORIGIN)
    client.force_login(user)
    client.post(vote_url(article), {"value": "no", "comment": "Unclear"})
    client.post(vote_url(make_article()), {"value": "yes"})
    user.delete()
    votes = Feedback.objects.all()
    assert len(votes) == 2
    assert {vote.user for vote in votes} == {None}
    assert all(vote.visitor.startswith("deleted:") for vote in votes)
    assert f"user:{user.pk}" not in {vote.visitor for vote in votes}
    # Nothing links the answers of the same deleted account either.
    assert votes[0].visitor != votes[1].visitor
    assert {vote.value for vote in votes} == {"yes", "no"}


def test_the_widget_costs_a_query_only_for_visitors_who_voted(
    client, article, settings, brand_in_cache
):
    settings.PAGE_CACHE_SECONDS = 0  # count the render's queries

    def queries(reader):
        with CaptureQueriesContext(connection) as captured:
            assert reader.get(article.url_in("en")).status_code == 200
        return len(database_queries(captured))

    before = queries(client)
    answers(article, yes=5, no=1)
    assert queries(client) == before  # the counts come with the article
    assert "5 of 6 people" in client.get(article.url_in("en")).content.decode()
    client.post(vote_url(article), {"value": "yes"}, headers=SAME_ORIGIN)
    assert queries(client) == before + 1  # their own vote


def local_memory_cache():
    """A cache of this test's own, outside the database."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": uuid.uuid4().hex,
        }
    }


@pytest.mark.parametrize(
    ("wants", "status"), [("text/html", 303), ("application/json", 200)]
)
def test_a_vote_costs_two_or_three_queries(article, settings, wants, status):
    # The cache (rate limits, page versions) is Redis in production: only
    # the database's queries are counted here (not the savepoint the vote's
    # transaction is in this test's). The article, then one upsert; a plain
    # No reads the answer again (it may keep an earlier reason).
    settings.CACHES = local_memory_cache()
    voter = Client(enforce_csrf_checks=True, headers={**SAME_ORIGIN, "Accept": wants})
    for data, queries in (
        ({"value": "yes"}, 2),
        ({"value": "no"}, 3),
        ({"value": "no", "reason": "unclear", "comment": "Trop court."}, 2),
        ({"value": "no"}, 3),  # keeps the reason and comment
    ):
        with CaptureQueriesContext(connection) as captured:
            assert voter.post(vote_url(article), data).status_code == status
        assert len(database_queries(captured)) == queries, captured.captured_queries


@pytest.mark.django_db(transaction=True)
def test_a_vote_is_one_write_transaction_with_the_database_cache(article, settings):
    # Rate limits' counters, the answer and the page cache's versions: on
    # SQLite, one lock taken and one commit instead of one per statement,
    # and taken once what the vote needs to read is read.
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    transactions = []

    def record(execute, sql, params, many, context):
        if sql != "BEGIN IMMEDIATE":  # SQLite's, as the transaction starts
            blocks = connection.atomic_blocks
            transactions.append(id(blocks[0]) if blocks else sql)
        return execute(sql, params, many, context)

    voter = Client(enforce_csrf_checks=True, headers=SAME_ORIGIN)
    with connection.execute_wrapper(record):
        voter.post(vote_url(article), {"value": "no", "reason": "unclear"})

    assert Feedback.objects.get().reason == "unclear"
    outside = [sql for sql in transactions if isinstance(sql, str)]
    inside = [block for block in transactions if not isinstance(block, str)]
    assert len(inside) > 10  # the cache's rows are in it
    assert len(set(inside)) == 1
    # Before it, only the article is read: the lock is held for the writes.
    assert len(outside) == 1
    assert outside[0].startswith('SELECT "articles_article"')


def test_after_a_no_with_a_reason_the_support_link_carries_it(reader, article):
    reader.post(
        f"/fr/articles/{article.pk}/feedback/",
        {"value": "no", "reason": "unclear", "comment": ""},
        headers={"sec-fetch-site": "same-origin"},
    )
    page = reader.get(article.url_in("fr")).content.decode()
    support = page[page.index('class="support"') :]
    assert f'href="/fr/support/?article={article.pk}&amp;reason=unclear"' in support
    assert page.count("/fr/support/?article=") == 1  # not in the widget too


def test_before_any_answer_the_support_link_carries_the_article(reader, article):
    page = reader.get(article.url_in("fr")).content.decode()
    support = page[page.index('class="support"') :]
    assert f'href="/fr/support/?article={article.pk}"' in support
