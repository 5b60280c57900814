"""Reader pages shared by anonymous readers are rendered once and then served
from the cache (helpcenter/page_cache.py): every edit and vote shows at once,
nobody is given someone else's page, and conditional GETs get 304."""

import logging
import shutil
import time
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.db import connection
from django.http import (
    HttpResponse,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    StreamingHttpResponse,
)
from django.middleware.csrf import get_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date
from django.utils.module_loading import import_string

from articles.cache_tags import CONTENT
from articles.models import Article
from articles.tests.helpers import database_queries, make_article, make_category
from feedback.cache_tags import ALL_VOTES, article_votes
from feedback.models import Feedback
from feedback.tests.helpers import answers
from feedback.visitors import VISITOR_COOKIE
from helpcenter import page_cache

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


@pytest.fixture
def article():
    return make_article(title_en="Log in", title_fr="Se connecter")


@pytest.fixture
def unreachable_cache(settings):
    # A Redis address where nothing listens: the real client, refused.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }


@pytest.fixture(params=["database", "redis"])
def each_cache(request, settings):
    """The test once with the database cache, once with Redis."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": "helpcenter.database_cache.DatabaseCache",
                "LOCATION": "helpcenter_cache",
                "KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
            }
        }
    return request.param


def served_from_cache(client, path, **extra):
    """GET `path`; whether it was answered without rendering (no database
    query but the cache's own), with the response."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    return not database_queries(captured), response


def pages_of(article):
    return ("/fr/", article.category.url_in("fr"), article.url_in("fr"))


def vote(article, value="yes"):
    """A new visitor's vote through the widget's form; the visitor's client."""
    voter = Client(headers=SAME_ORIGIN)
    voter.post(f"/fr/articles/{article.pk}/feedback/", {"value": value})
    return voter


def shared_view(make_response):
    """A view under `page_cache.shared_page("test:page", CONTENT)` answering
    `make_response()`, and the list of the requests it rendered."""
    renders = []

    @page_cache.shared_page("test:page", CONTENT)
    def view(request):
        renders.append(request)
        return make_response()

    return view, renders


def test_anonymous_readers_share_each_page_after_the_first_render(article):
    for path in pages_of(article):
        first = Client().get(path)
        cached, again = served_from_cache(Client(), path)
        assert cached, path
        assert again.status_code == 200
        assert again.content == first.content


def test_a_page_from_the_cache_costs_one_cache_read(
    article, django_assert_num_queries, settings
):
    Client().get(article.url_in("fr"))
    # With the database cache, one SELECT for the page and the versions of
    # what it was built from; with Redis, no query at all.
    in_database = settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    with django_assert_num_queries(1 if in_database else 0):
        assert Client().get(article.url_in("fr")).status_code == 200


def test_editing_an_article_shows_at_once_on_every_page(article):
    for path in pages_of(article):
        Client().get(path)
    article.title_fr = "Se connecter à son compte"
    article.save()
    for path in pages_of(article):
        cached, page = served_from_cache(Client(), path)
        assert not cached, path
        assert "Se connecter à son compte" in page.content.decode(), path


def test_renaming_a_category_shows_at_once(article):
    Client().get("/fr/")
    category = article.category
    category.title_fr = "Comptes et connexion"
    category.save()
    assert "Comptes et connexion" in Client().get("/fr/").content.decode()


def test_deleting_an_article_removes_it_from_the_shared_pages(article):
    other = make_article(article.category, title_fr="Autre article")
    Client().get(article.category.url_in("fr"))
    other.delete()
    page = Client().get(article.category.url_in("fr")).content.decode()
    assert "Autre article" not in page


def test_publishing_a_draft_is_seen_at_once(article):
    draft = make_article(
        article.category, title_fr="Tout nouveau", status=Article.Status.DRAFT
    )
    assert Client().get(draft.url_in("fr")).status_code == 404
    Client().get("/fr/")
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert Client().get(draft.url_in("fr")).status_code == 200
    assert "Tout nouveau" in Client().get("/fr/").content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(article):
    make_article(
        article.category,
        title_fr="Programmé",
        publish_at=timezone.now() + timedelta(seconds=1),
    )
    assert "Programmé" not in Client().get("/fr/").content.decode()
    time.sleep(1.2)
    # No edit happened: the entry expired at the publication time.
    assert "Programmé" in Client().get("/fr/").content.decode()


def test_votes_update_the_shared_counts(article):
    answers(article, yes=4)
    Client().get(article.url_in("fr"))
    voter = Client(headers=SAME_ORIGIN)
    voter.post(f"/fr/articles/{article.pk}/feedback/", {"value": "yes"})
    cached, page = served_from_cache(Client(), article.url_in("fr"))
    assert not cached
    assert "5 personnes sur 5" in page.content.decode()


def test_a_visitor_who_answered_gets_their_own_page(article):
    Client().get(article.url_in("fr"))
    voter = Client(headers=SAME_ORIGIN)
    voter.post(f"/fr/articles/{article.pk}/feedback/", {"value": "no"})
    assert VISITOR_COOKIE in voter.cookies
    cached, own = served_from_cache(voter, article.url_in("fr"))
    assert not cached
    assert "private" in own["Cache-Control"]
    assert 'value="no" aria-pressed="true"' in own.content.decode()
    # Everyone else shares one page again (rendered anew after the vote).
    Client().get(article.url_in("fr"))
    cached, shared = served_from_cache(Client(), article.url_in("fr"))
    assert cached
    assert 'aria-pressed="true"' not in shared.content.decode()
    # And so does the visitor, on pages where they have no answer.
    Client().get("/fr/")
    assert served_from_cache(voter, "/fr/")[0]


def test_signed_in_readers_never_get_a_shared_page(article):
    Client().get(article.url_in("fr"))
    reader = Client()
    reader.force_login(get_user_model().objects.create_user("camille"))
    cached, page = served_from_cache(reader, article.url_in("fr"))
    assert not cached
    assert "Se déconnecter" in page.content.decode()


def test_pages_rendered_for_a_reader_take_related_articles_from_the_cache(article):
    other = make_article(article.category, title_fr="Mot de passe oublié")
    reader = Client()
    reader.force_login(get_user_model().objects.create_user("camille"))
    reader.get(article.url_in("fr"))
    with CaptureQueriesContext(connection) as captured:
        page = reader.get(article.url_in("fr")).content.decode()
    assert "Mot de passe oublié" in page
    assert not [sql for sql in database_queries(captured) if "searchdocument" in sql]
    other.title_fr = "Retrouver son mot de passe"
    other.save()
    page = reader.get(article.url_in("fr")).content.decode()
    assert "Retrouver son mot de passe" in page
    assert "Mot de passe oublié" not in page


def test_a_shared_page_never_holds_a_signed_in_readers_header(article):
    reader = Client()
    reader.force_login(get_user_model().objects.create_user("camille"))
    reader.get(article.url_in("fr"))
    page = Client().get(article.url_in("fr")).content.decode()
    assert "Se déconnecter" not in page
    assert "Se connecter" in page


def test_a_link_from_search_results_gets_the_shared_article_page(article):
    shared = Client().get(article.url_in("fr"))
    cached, page = served_from_cache(Client(), article.url_in("fr") + "?q=mot")
    assert cached
    assert page.content == shared.content


def test_pages_with_a_query_string_are_rendered(article):
    Client().get(article.url_in("fr"))
    Client().get("/fr/")
    assert not served_from_cache(Client(), article.url_in("fr") + "?feedback=sent")[0]
    assert not served_from_cache(Client(), article.url_in("fr") + "?q=a&x=1")[0]
    assert not served_from_cache(Client(), "/fr/?q=mot")[0]


def test_pages_are_kept_per_host(article, settings):
    settings.ALLOWED_HOSTS = ["help.example.com", "aide.example.com"]
    help_page = Client(HTTP_HOST="help.example.com").get(article.url_in("fr"))
    aide_page = Client(HTTP_HOST="aide.example.com").get(article.url_in("fr"))
    assert "//help.example.com/" not in aide_page.content.decode()
    assert "//aide.example.com/fr/articles/" in aide_page.content.decode()
    assert "//help.example.com/fr/articles/" in help_page.content.decode()


def test_a_page_holding_a_csrf_token_is_never_shared(rf):
    renders = []

    @page_cache.shared_page("test:page", CONTENT)
    def form_page(request):
        renders.append(request)
        return HttpResponse(
            f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'
        )

    first, second = form_page(rf.get("/fr/form/")), form_page(rf.get("/fr/form/"))
    assert len(renders) == 2
    assert first.content != second.content


def test_readers_and_editors_do_without_a_cache_that_does_not_answer(
    article, unreachable_cache
):
    for path in pages_of(article):
        assert Client().get(path).status_code == 200
    article.title_fr = "Toujours modifiable"
    article.save()
    article.refresh_from_db()
    assert article.title_fr == "Toujours modifiable"


def test_the_page_cache_can_be_turned_off(article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    Client().get(article.url_in("fr"))
    assert not served_from_cache(Client(), article.url_in("fr"))[0]


# Conditional GET


@pytest.mark.parametrize("cached", [False, True], ids=["rendered", "cached"])
def test_a_matching_etag_gets_304_without_a_body(article, cached):
    page = Client().get(article.url_in("fr"))
    if cached:
        Client().get(article.url_in("fr"))
    assert page["ETag"]
    assert "no-cache" in page["Cache-Control"]
    assert "Cookie" in page["Vary"]
    again = Client().get(article.url_in("fr"), headers={"If-None-Match": page["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_if_modified_since_alone_never_gets_a_304(article, each_cache):
    # A time in whole seconds stays the same across an edit made within the
    # second: only the ETag says whether the page changed.
    page = Client().get(article.url_in("fr"))
    assert not page.has_header("Last-Modified")
    article.body_fr = "Nouveau texte."
    article.save()
    since = {"If-Modified-Since": http_date(time.time() + 60)}
    changed = Client().get(article.url_in("fr"), headers=since)
    assert changed.status_code == 200
    assert "Nouveau texte." in changed.content.decode()


def test_an_old_etag_gets_the_new_page_after_an_edit(article):
    etag = Client().get(article.url_in("fr"))["ETag"]
    article.body_fr = "Nouveau texte."
    article.save()
    page = Client().get(article.url_in("fr"), headers={"If-None-Match": etag})
    assert page.status_code == 200
    assert page["ETag"] != etag


def test_personal_pages_have_no_validators(article):
    voter = Client(headers=SAME_ORIGIN)
    voter.post(f"/fr/articles/{article.pk}/feedback/", {"value": "yes"})
    page = voter.get(article.url_in("fr"))
    assert not page.has_header("ETag")
    assert not page.has_header("Last-Modified")


def test_a_category_page_of_another_language_is_its_own_entry():
    category = make_category(title_en="Accounts", title_fr="Comptes")
    make_article(category)
    french = Client().get(category.url_in("fr")).content.decode()
    english = Client().get(category.url_in("en")).content.decode()
    assert "Comptes" in french
    assert "Accounts" in english
    assert "<title>Comptes" not in english


# Fresh after votes and edits


@pytest.mark.django_db(transaction=True)
def test_a_vote_outside_a_transaction_updates_the_shared_page(article):
    # Votes are saved without a transaction in production: the tags are
    # renewed by the commit callback alone.
    answers(article, yes=4)
    Client().get(article.url_in("fr"))
    vote(article)
    cached, page = served_from_cache(Client(), article.url_in("fr"))
    assert not cached
    assert "5 personnes sur 5" in page.content.decode()


def test_a_vote_updates_the_most_helpful_articles_of_the_home_page(article, settings):
    settings.FEEDBACK_MOST_HELPFUL_MIN_VOTES = 1
    assert 'id="most-helpful-title"' not in Client().get("/fr/").content.decode()
    vote(article)
    home = Client().get("/fr/").content.decode()
    assert 'id="most-helpful-title"' in home


def test_deleting_an_answer_updates_the_shared_counts(article):
    answers(article, yes=4, no=2)
    Client().get(article.url_in("fr"))
    Feedback.objects.filter(value="no").first().delete()
    page = Client().get(article.url_in("fr")).content.decode()
    assert "4 personnes sur 5" in page


def test_a_tag_version_lost_by_the_cache_makes_its_pages_stale(article):
    # A full cache evicts keys: a tag without a version is given a new one,
    # never taken for the one a page was built from.
    Client().get("/fr/")
    cache.delete(page_cache._TAG_KEY.format(ALL_VOTES))
    assert not served_from_cache(Client(), "/fr/")[0]
    assert served_from_cache(Client(), "/fr/")[0]


# What is shared


def test_a_head_request_is_answered_from_the_cache(article):
    Client().get(article.url_in("fr"))
    with CaptureQueriesContext(connection) as captured:
        page = Client().head(article.url_in("fr"))
    assert not database_queries(captured)
    assert page.status_code == 200


def test_a_head_request_keeps_the_whole_page_for_the_next_readers(article):
    Client().head(article.url_in("fr"))
    cached, page = served_from_cache(Client(), article.url_in("fr"))
    assert cached
    assert "Se connecter" in page.content.decode()


def test_a_visitor_who_answered_never_gets_the_page_kept_for_others(article):
    voter = vote(article, "no")
    Client().get(article.url_in("fr"))
    page = voter.get(article.url_in("fr")).content.decode()
    assert 'value="no" aria-pressed="true"' in page


def test_a_plain_200_response_is_shared(rf):
    view, renders = shared_view(lambda: HttpResponse("Page"))
    view(rf.get("/fr/page/"))
    again = view(rf.get("/fr/page/"))
    assert len(renders) == 1
    assert again.content == b"Page"


def _with_cookie():
    response = HttpResponse("Page")
    response.set_cookie("chosen", "1")
    return response


@pytest.mark.parametrize(
    "make_response",
    [
        lambda: HttpResponseNotFound("Not found"),
        lambda: HttpResponsePermanentRedirect("/fr/"),
        _with_cookie,
        lambda: HttpResponse("Page", headers={"Cache-Control": "private"}),
        lambda: HttpResponse("Page", headers={"Cache-Control": "no-store"}),
        lambda: StreamingHttpResponse(iter([b"Page"])),
    ],
    ids=["404", "redirect", "cookie", "private", "no-store", "streaming"],
)
def test_only_plain_200_responses_are_kept(rf, make_response):
    view, renders = shared_view(make_response)
    view(rf.get("/fr/page/"))
    view(rf.get("/fr/page/"))
    assert len(renders) == 2


def test_a_page_cache_of_one_second_still_shares_pages(rf, settings):
    settings.PAGE_CACHE_SECONDS = 1
    view, renders = shared_view(lambda: HttpResponse("Page"))
    view(rf.get("/fr/page/"))
    view(rf.get("/fr/page/"))
    assert len(renders) == 1


# Pages served from the cache


def test_a_page_from_the_cache_has_the_headers_of_the_rendered_one(article):
    first = Client().get(article.url_in("fr"))
    cached, again = served_from_cache(Client(), article.url_in("fr"))
    assert cached
    assert again["ETag"] == first["ETag"]
    assert not again.has_header("Last-Modified")
    assert again["Content-Type"] == first["Content-Type"]
    assert "no-cache" in again["Cache-Control"]
    assert "Cookie" in again["Vary"]


def test_headers_set_by_the_view_are_kept_with_the_page(rf):
    view, _renders = shared_view(
        lambda: HttpResponse("{}", content_type="application/json")
    )
    view(rf.get("/fr/page/"))
    assert view(rf.get("/fr/page/"))["Content-Type"] == "application/json"


@pytest.mark.parametrize("cached", [False, True], ids=["rendered", "cached"])
def test_browsers_and_proxies_must_ask_again_before_reusing_a_shared_page(rf, cached):
    view, _renders = shared_view(lambda: HttpResponse("Page"))
    page = view(rf.get("/fr/page/"))
    if cached:
        page = view(rf.get("/fr/page/"))
    assert page["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("cached", [False, True], ids=["rendered", "cached"])
def test_a_shared_page_varies_on_cookies(rf, cached):
    # Middleware adds nothing here: the decorator's own header.
    view, _renders = shared_view(lambda: HttpResponse("Page"))
    page = view(rf.get("/fr/page/"))
    if cached:
        page = view(rf.get("/fr/page/"))
    assert page["Vary"] == "Cookie"


# Tag versions


class Behind:
    """A cache backend wrapping the one named by its BEHIND setting (the
    tests' own, real one), for a subclass to change one operation of."""

    def __init__(self, location, params):
        params = dict(params)
        self._cache = import_string(params.pop("BEHIND"))(location, params)

    def __getattr__(self, name):
        return getattr(self._cache, name)


def behind(settings, backend):
    """Make the tests' cache go through `backend`, a Behind."""
    default = settings.CACHES["default"]
    settings.CACHES = {
        "default": {
            **default,
            "BACKEND": f"{__name__}.{backend.__name__}",
            "BEHIND": default["BACKEND"],
        }
    }


class TagVersionWrittenMeanwhile(Behind):
    """The tests' cache, where another process gives a tag its version
    between page_cache finding none and writing one (the race, made
    certain)."""

    MEANWHILE = "written-meanwhile"

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._cache.set(key, self.MEANWHILE, None, version=version)
        return self._cache.add(key, value, timeout, version=version)


def test_tag_versions_never_expire(article, redis_cache):
    server = redis.Redis.from_url(redis_cache)
    tags = [
        cache.make_key(page_cache._TAG_KEY.format(tag)) for tag in (CONTENT, ALL_VOTES)
    ]
    Client().get("/fr/")  # tags never seen are given a version
    assert [server.ttl(tag) for tag in tags] == [-1, -1]
    article.save()  # and an edit gives one a new version
    assert server.ttl(tags[0]) == -1
    server.close()


def test_a_tag_version_written_meanwhile_wins_over_a_new_one(article, settings):
    behind(settings, TagVersionWrittenMeanwhile)
    Client().get(article.url_in("fr"))
    tag = page_cache._TAG_KEY.format(article_votes(article.pk))
    assert cache.get(tag) == TagVersionWrittenMeanwhile.MEANWHILE
    assert served_from_cache(Client(), article.url_in("fr"))[0]


class LosesTags(Behind):
    """The tests' cache, which loses a
    tag's version as soon as it is added (a full database cache culling)."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if key.startswith(page_cache._TAG_KEY.format("")):
            return True
        return self._cache.add(key, value, timeout, version=version)


class KeepsTimeouts(Behind):
    """The tests' cache, noting the
    timeout each key is set with."""

    timeouts = {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.timeouts[key] = timeout
        return self._cache.set(key, value, timeout, version=version)


def test_nothing_is_kept_with_a_version_the_cache_lost(article, settings, each_cache):
    behind(settings, LosesTags)
    renders = [Client().get(article.url_in("fr")) for _number in range(2)]
    assert all(page.status_code == 200 for page in renders)
    assert not served_from_cache(Client(), article.url_in("fr"))[0]


def test_a_full_database_cache_culls_pages_before_their_tags(article, settings):
    # When full, the database cache deletes the alphabetically first keys.
    settings.CACHES = {
        "default": {
            "BACKEND": "helpcenter.database_cache.DatabaseCache",
            "LOCATION": "helpcenter_cache",
            "KEY_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
            "OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 2},
        }
    }
    for path in ("/fr/", article.category.url_in("fr"), article.url_in("fr")):
        Client().get(path)
    for tag in (CONTENT, ALL_VOTES, article_votes(article.pk)):
        assert cache.get(page_cache._TAG_KEY.format(tag)) is not None, tag


def test_an_article_due_while_a_page_renders_ends_the_page_at_once(
    settings, rf, each_cache
):
    behind(settings, KeepsTimeouts)
    scheduled = make_article(publish_at=timezone.now() + timedelta(hours=1))

    def render_while_it_becomes_due():
        Article.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now())
        return HttpResponse("page")

    view, _renders = shared_view(render_while_it_becomes_due)
    KeepsTimeouts.timeouts.clear()
    view(rf.get("/fr/page/"))
    [page_timeout] = [
        timeout for key, timeout in KeepsTimeouts.timeouts.items() if "page:" in key
    ]
    assert page_timeout == 1


def test_the_release_covers_the_code_that_renders_pages(settings):
    base = Path(settings.BASE_DIR)
    code = {path.relative_to(base).as_posix() for path in page_cache._code_files(base)}
    assert {"articles/views.py", "feedback/templatetags/feedback_tags.py"} <= code
    assert not any("/tests/" in path for path in code)


# What other apps add to a page


def test_an_app_adds_its_tags_and_conditions_to_a_page(article, rf):
    renders = []
    page_cache.extend(
        "test:extended",
        article_votes(article.pk),
        unless=lambda request, **kwargs: request.GET.get("own") is not None,
    )

    @page_cache.shared_page("test:extended", CONTENT, ignored_parameters=("own",))
    def view(request):
        renders.append(request)
        return HttpResponse("page")

    view(rf.get("/fr/page/"))
    view(rf.get("/fr/page/"))
    assert len(renders) == 1
    answers(article, yes=1)  # the added tag has a new version: stale
    view(rf.get("/fr/page/"))
    assert len(renders) == 2
    # The added condition holds: the reader's own page (the shared one with
    # their parts: here none), not the shared response.
    own = view(rf.get("/fr/page/", {"own": "1"}))
    assert len(renders) == 2
    assert "private" in own["Cache-Control"]
    assert not own.has_header("ETag")


def test_an_app_may_add_tags_without_a_condition(rf):
    renders = []
    page_cache.extend("test:tags-only", ALL_VOTES)

    @page_cache.shared_page("test:tags-only", CONTENT)
    def view(request):
        renders.append(request)
        return HttpResponse("page")

    view(rf.get("/fr/tagged/"))
    view(rf.get("/fr/tagged/"))
    assert len(renders) == 1


def test_a_deadline_an_app_adds_shortens_the_time_pages_are_kept(settings):
    settings.PAGE_CACHE_SECONDS = 300
    soon = timezone.now() + timedelta(seconds=30)

    def next_change(after):
        return soon if after < soon else None

    page_cache.add_deadline(next_change)
    try:
        assert 20 < page_cache._seconds_to_keep(timezone.now()) <= 30
    finally:
        page_cache._deadlines.remove(next_change)


def test_a_part_that_is_the_readers_own_makes_the_page_private_and_unshared(rf):
    renders = []

    @page_cache.shared_page("test:private", CONTENT)
    def view(request, number):
        renders.append(number)
        page_cache.keep_private(request)
        return HttpResponse("page")

    first = view(rf.get("/fr/page/"), 7)
    view(rf.get("/fr/page/"), 8)
    assert renders == [7, 8]
    assert first["Cache-Control"] == "private"


# Fragments of pages rendered for one reader


def counted(builds):
    """A fragment's build function that counts its calls in `builds`."""

    def build():
        builds.append(None)
        return f"built {len(builds)}"

    return build


def test_a_fragment_is_built_once_then_read_from_the_cache():
    builds = []
    assert page_cache.fragment("part", [CONTENT], counted(builds)) == ("built 1")
    assert page_cache.fragment("part", [CONTENT], counted(builds)) == ("built 1")
    assert len(builds) == 1


def test_a_fragment_is_built_again_after_an_edit():
    builds = []
    page_cache.fragment("part", [CONTENT], counted(builds))
    make_article()
    assert page_cache.fragment("part", [CONTENT], counted(builds)) == ("built 2")


def test_fragments_are_kept_apart_by_key():
    page_cache.fragment("first", [CONTENT], lambda: "first part")
    assert (
        page_cache.fragment("second", [CONTENT], lambda: "second part") == "second part"
    )


def test_a_fragment_is_kept_with_a_page_cache_of_one_second(settings):
    settings.PAGE_CACHE_SECONDS = 1
    page_cache.fragment("part", [CONTENT], lambda: "built")
    # Read from the cache at once: a second call could come after the
    # second has passed on a loaded machine, and rebuild.
    entry = cache.get(f"fragment:{page_cache._RELEASE}:part")
    assert entry["value"] == "built"


def test_fragments_are_built_every_time_when_the_page_cache_is_off(settings):
    settings.PAGE_CACHE_SECONDS = 0
    builds = []
    page_cache.fragment("part", [CONTENT], counted(builds))
    page_cache.fragment("part", [CONTENT], counted(builds))
    assert len(builds) == 2


# How long pages are kept


def test_pages_are_kept_page_cache_seconds_when_nothing_is_scheduled(settings):
    settings.PAGE_CACHE_SECONDS = 300
    make_article(publish_at=timezone.now() - timedelta(days=1))
    assert page_cache._seconds_to_keep(timezone.now()) == 300


def test_a_scheduled_draft_does_not_shorten_the_time_pages_are_kept(settings):
    settings.PAGE_CACHE_SECONDS = 300
    make_article(
        status=Article.Status.DRAFT, publish_at=timezone.now() + timedelta(minutes=1)
    )
    assert page_cache._seconds_to_keep(timezone.now()) == 300


def test_the_next_publication_shortens_the_time_pages_are_kept(settings):
    settings.PAGE_CACHE_SECONDS = 300
    make_article(publish_at=timezone.now() + timedelta(minutes=2))
    make_article(publish_at=timezone.now() + timedelta(minutes=1))
    assert 50 < page_cache._seconds_to_keep(timezone.now()) <= 60


def test_a_publication_after_page_cache_seconds_changes_nothing(settings):
    settings.PAGE_CACHE_SECONDS = 300
    make_article(publish_at=timezone.now() + timedelta(hours=1))
    assert page_cache._seconds_to_keep(timezone.now()) == 300


def test_pages_are_kept_at_least_one_second(settings):
    settings.PAGE_CACHE_SECONDS = 300
    article = make_article()
    # Set without saving, so that little time passes before the reading.
    Article.objects.filter(pk=article.pk).update(
        publish_at=timezone.now() + timedelta(milliseconds=900)
    )
    assert page_cache._seconds_to_keep(timezone.now()) == 1


# The release: what pages are made of besides the database


@pytest.fixture
def release_files(tmp_path, settings):
    """A project folder holding what pages are made of besides the database
    (templates, catalogues, the static manifest): its files by kind."""
    settings.BASE_DIR = tmp_path / "project"
    settings.STATIC_ROOT = tmp_path / "collected"
    files = {
        "template": settings.BASE_DIR / "templates" / "articles" / "page.html",
        "catalogue": settings.BASE_DIR / "locale/fr/LC_MESSAGES/django.mo",
        "manifest": settings.STATIC_ROOT / "staticfiles.json",
    }
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{path.name}, first edition")
    return files


@pytest.mark.parametrize("kind", ["template", "catalogue", "manifest"])
def test_a_changed_file_pages_are_made_of_changes_the_release(release_files, kind):
    before = page_cache._release()
    release_files[kind].write_text("second edition")
    assert page_cache._release() != before


def test_other_files_do_not_change_the_release(release_files, settings):
    before = page_cache._release()
    (settings.BASE_DIR / "templates" / "notes.txt").write_text("notes")
    (settings.BASE_DIR / "locale/fr/LC_MESSAGES/django.po").write_text("msgid")
    (settings.STATIC_ROOT / "app.css").write_text("body {}")
    assert page_cache._release() == before


def test_the_same_files_in_another_folder_have_the_same_release(
    release_files, settings, tmp_path
):
    before = page_cache._release()
    shutil.copytree(settings.BASE_DIR, tmp_path / "next-deploy")
    settings.BASE_DIR = tmp_path / "next-deploy"
    assert page_cache._release() == before


def test_a_project_without_a_static_manifest_has_a_release(release_files):
    before = page_cache._release()
    release_files["manifest"].unlink()
    assert page_cache._release() != before


def test_a_deploy_of_code_alone_changes_the_release(
    release_files, settings, monkeypatch
):
    # An app of the project, in the project's folder, and one installed
    # elsewhere (a library), whose code is not the project's to hash.
    app = settings.BASE_DIR / "shop"
    (app / "tests").mkdir(parents=True)
    library = settings.BASE_DIR.parent / "site-packages" / "library"
    library.mkdir(parents=True)
    for folder in (app, app / "tests", library):
        (folder / "views.py").write_text("first edition")
    configs = [SimpleNamespace(path=str(app)), SimpleNamespace(path=str(library))]
    monkeypatch.setattr(page_cache.apps, "get_app_configs", lambda: configs)
    before = page_cache._release()
    (app / "tests" / "views.py").write_text("a test changed")
    (library / "views.py").write_text("a library changed")
    assert page_cache._release() == before
    (app / "views.py").write_text("second edition")
    assert page_cache._release() != before


# A cache that does not answer


def warnings_of(caplog):
    """What page_cache warned of, with whether a traceback came with it."""
    return [
        (record.getMessage(), bool(record.exc_info))
        for record in caplog.records
        if record.name == page_cache.__name__ and record.levelno == logging.WARNING
    ]


def test_a_page_the_cache_cannot_be_asked_for_is_logged_and_rendered(
    article, unreachable_cache, caplog
):
    page = Client().get(article.category.url_in("fr"))
    assert page.status_code == 200
    assert "Se connecter" in page.content.decode()
    assert warnings_of(caplog) == [("Page cache unreachable.", True)]


def test_a_page_the_cache_cannot_keep_is_logged_and_served(
    article, redis_cache, settings, caplog
):
    Client().get("/fr/")  # the tags get their versions
    # Writes go to the first server, reads to the others: a leader down,
    # its replica up.
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": ["redis://127.0.0.1:1/0", redis_cache],
        }
    }
    page = Client().get(article.category.url_in("fr"))
    assert page.status_code == 200
    assert "Se connecter" in page.content.decode()
    assert warnings_of(caplog) == [("Page cache unreachable.", True)]


def test_votes_the_cache_cannot_hear_of_are_logged(article, unreachable_cache, caplog):
    answers(article, yes=1)
    assert warnings_of(caplog) == [
        (
            f"Pages built from votes, votes:{article.pk} stay until they "
            "expire: the cache does not answer.",
            True,
        )
    ]


def test_a_fragment_is_built_when_the_cache_does_not_answer(unreachable_cache, caplog):
    builds = []
    assert page_cache.fragment("part", [CONTENT], counted(builds)) == ("built 1")
    assert warnings_of(caplog) == [("Page cache unreachable.", True)]
