"""Every URL against odd requests, then each form against odd input: never
a server error, always the security headers, and a refused request writes
nothing.

The sweep takes its URLs from the URLconf, so a new page is swept as soon
as it exists: each with sample values for its parameters (an existing
article, its category), then with odd ones in their place, sent every kind
of odd request below. Headers, cookies and bodies are whatever text the
visitor chooses."""

import itertools
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, resolve
from django.utils import translation

from accounts.tests.helpers import STRONG_PASSWORD, link_in, make_account
from articles.models import Article
from articles.tests.helpers import make_article
from feedback.models import Feedback

from .helpers import missing_security_headers

pytestmark = pytest.mark.django_db

# Every URL of the site


def url_routes(patterns, prefix=""):
    """The route of each URL pattern in `patterns`, with the prefixes of the
    includes above it (the language's among them)."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_routes(pattern.url_patterns, route)
        else:
            yield route


def routes():
    """Every route of the URLconf, in each language for those that have one."""
    found = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.update(dict.fromkeys(url_routes(get_resolver().url_patterns)))
    return list(found)


# A route's parameters: (?P<name>...), <converter:name>, unnamed groups.
PARAMETER = re.compile(
    r"\(\?P<(?P<regex>\w+)>[^)]*\)|<(?:\w+:)?(?P<path>\w+)>|\([^)]*\)"
)


def parameters(route):
    return {match["regex"] or match["path"] for match in PARAMETER.finditer(route)}


def fill(route, values):
    """A path of `route`: its parameters replaced by `values[name]` (None
    for unnamed groups), without the regex anchors and escapes."""
    path = PARAMETER.sub(lambda match: values[match["regex"] or match["path"]], route)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


def language_of(route):
    prefix = route.split("/", 1)[0]
    return prefix if prefix in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def sample_values(route, article):
    """Values naming things that exist: the article, or its category."""
    language = language_of(route)
    shown = article.category if "categories/" in route else article
    values = {
        "pk": shown.pk,
        "slug": getattr(shown, f"slug_{language}"),
        "object_id": article.pk,
        "id": article.pk,
        None: article.pk,
        "language": language,
        "key": "some-key",
        "uidb36": "1",
        "rest": "",
        "path": "images/missing/en-480.webp",
        "app_label": "articles",
        "url": "nowhere/",
        "content_type_id": ContentType.objects.get_for_model(Article).pk,
    }
    return {name: str(value) for name, value in values.items()}


# Put in place of every parameter that names something.
ODD_VALUES = {
    "unknown id": "999999999",
    "non-ASCII digits": "١٢",
    "huge number": "9" * 30,
    "NUL": "%00",
    "over-long": "x" * 3000,
}
NAMING = {
    "pk", "slug", "object_id", "id", None, "key", "uidb36", "content_type_id", "path",
}  # fmt: skip

# What a visitor may send

CSRF_TOKEN = "k" * 32
FIELDS = {
    "value": "no",
    "reason": "unclear",
    "comment": "odd",
    "login": "nobody",
    "password": "wrong password",
    "email": "nobody@example.com",
}


def form(**changes):
    """The fields of our forms, with the token of the browser's CSRF cookie."""
    fields = {"csrfmiddlewaretoken": CSRF_TOKEN, **FIELDS, **changes}
    return "&".join(f"{quote(k)}={quote(v)}" for k, v in fields.items()).encode()


@dataclass
class Odd:
    """A request, made odd in one way. A POST comes from one of our pages
    (same origin, CSRF cookie and token) unless `from_our_page` is false,
    so that it gets past the CSRF check to the view."""

    method: str = "GET"
    query: str = ""
    headers: dict = field(default_factory=dict)
    cookie: str = ""
    body: bytes = b""
    content_type: str = "application/x-www-form-urlencoded"
    from_our_page: bool = True
    settings: dict = field(default_factory=dict)


def get_and_post(**oddity):
    return [Odd(**oddity), Odd(method="POST", body=form(), **oddity)]


ODD_REQUESTS = {
    "plain": [Odd(), Odd(method="HEAD"), Odd(method="POST", body=form())],
    "other methods": [Odd(method=method) for method in ("PUT", "DELETE", "OPTIONS")],
    "unparseable Referer": [
        odd
        for referer in ("http://[/", "http://a]b/?q=x")
        for odd in get_and_post(headers={"referer": referer})
    ],
    "unparseable Origin": [
        Odd(method="POST", body=form(), from_our_page=False, headers={"origin": origin})
        for origin in ("http://[/", "http://a]b", "null", "http://testserver:99999")
    ],
    "odd Accept-Language": [
        Odd(headers={"accept-language": value})
        for value in (
            "fr;q=0.5," * 5000,
            "*;q=abc, ;;, fr-FR-" + "x" * 300 + ", zz;q=-1",
        )
    ],
    "odd Accept": get_and_post(
        headers={"accept": "application/json;q=x, */*;;, " * 500}
    ),
    "malformed cookies": [
        odd
        for cookie in (
            r'sessionid="\000\000\000\000\000\000\000\000"',
            "sessionid=" + "a" * 5000,
            "django_language=zz-" + "x" * 3000,
            r'helpcenter_visitor="\000' + "a" * 21 + '"',
            "messages=" + "x:y" * 300,
            r'a=b; ;;; =; "; \"; x="\377"; é=é',
        )
        for odd in get_and_post(cookie=cookie)
    ],
    "odd CSRF cookie": [
        Odd(method="POST", body=form(), from_our_page=False, cookie=cookie)
        for cookie in ("csrftoken=" + "é" * 32, "csrftoken=" + "k" * 5000, "csrftoken=")
    ],
    "odd If-None-Match, If-Modified-Since": [
        Odd(headers={"if-none-match": 'W/"x", *, "unclosed, ' + "x" * 5000}),
        Odd(headers={"if-modified-since": "Mon, 99 Foo 99999 99:99:99 GMT"}),
    ],
    "odd X-Forwarded-For": [
        odd
        for forwarded in ("not an address", "1.2.3.4, [::1", ",,,", "x" * 5000)
        for odd in get_and_post(
            headers={"x-forwarded-for": forwarded},
            settings={"ALLAUTH_TRUSTED_PROXY_COUNT": 1},
        )
    ],
    "odd Host": [
        odd
        for host in ("evil.example", "[::1", "testserver:99999999999", "é.example")
        for odd in get_and_post(headers={"host": host})
    ],
    "undecodable form charsets": [
        Odd(method="POST", body=form(), content_type=content_type, from_our_page=ours)
        for content_type in (
            "application/x-www-form-urlencoded; charset=utf-16",
            "application/x-www-form-urlencoded; charset=latin-1",
            "application/x-www-form-urlencoded; charset=nope",
            "multipart/form-data; boundary=x; charset=utf-16",
            "multipart/form-data",
        )
        for ours in (False, True)
    ],
    "NUL bytes": [
        Odd(query="q=%00&page=%00&next=%00&%00=%00"),
        Odd(method="POST", body=form(**dict.fromkeys(FIELDS, "a\x00b"))),
    ],
    "over-long values": [
        Odd(query="q=" + "é" * 5000 + "&page=" + "9" * 5000 + "&next=/" + "x" * 5000),
        Odd(method="POST", body=form(**dict.fromkeys(FIELDS, "x" * 100_000))),
        # Over Django's limits: 2.5 MB of form, 1,000 fields.
        Odd(method="POST", body=form() + b"&f=" + b"x" * 3_000_000),
        Odd(method="POST", body=form() + b"".join(b"&f%d=" % n for n in range(1100))),
    ],
    "unparseable next": get_and_post(query="next=http://[/&next=//a]b/"),
}

# Each request from its own address: rate limits per address stay out of
# the way, so that the requests reach the code they are meant for.
ADDRESSES = (f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}" for n in itertools.count(1))


def send(path, odd):
    """The answer to `odd` at `path`, or the exception that escaped Django
    (which a real server answers with a bare 500 of its own)."""
    client = Client(
        enforce_csrf_checks=True,
        raise_request_exception=False,
        REMOTE_ADDR=next(ADDRESSES),
    )
    headers = {"sec-fetch-site": "same-origin"} if odd.from_our_page else {}
    url = f"{path}?{odd.query}" if odd.query else path
    try:
        with override_settings(**odd.settings):
            return client.generic(
                odd.method,
                url,
                odd.body,
                content_type=odd.content_type if odd.body else "",
                headers={**headers, **odd.headers},
                HTTP_COOKIE=f"csrftoken={CSRF_TOKEN}; {odd.cookie}",
            )
    except Exception as escaped:  # what the sweep is looking for
        return escaped


def rows():
    """How many rows each table holds, in one query."""
    tables = sorted({model._meta.db_table for model in apps.get_models()})
    counts = ", ".join(
        f"(SELECT COUNT(*) FROM {connection.ops.quote_name(table)})"  # noqa: S608 (ours)
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def problems_with(path, odd_requests):
    """What went wrong for each request, one line each."""
    problems = []
    for kind, odd in odd_requests:
        before = rows()
        answer = send(path, odd)
        what = f"{kind}: {odd.method} {path[:70]}"
        if isinstance(answer, Exception):
            problems.append(f"{what} -> escaped Django: {answer!r:.200}")
            continue
        if answer.status_code >= 500:
            problems.append(f"{what} -> {answer.status_code}")
        if missing := missing_security_headers(answer):
            problems.append(f"{what} -> {answer.status_code} without {missing}")
        if answer.status_code >= 400 and (after := rows()) != before:
            written = {t: after[t] - before[t] for t in after if after[t] != before[t]}
            problems.append(f"{what} -> {answer.status_code} but wrote {written}")
    return problems


ROUTES = routes()
ALL_ODD_REQUESTS = [(kind, odd) for kind, odds in ODD_REQUESTS.items() for odd in odds]


@pytest.fixture
def article():
    return make_article()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Logins are tried hundreds of times here: what is tested is the answer,
    # not the cost of hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("route", ROUTES)
def test_odd_requests_to_every_url_answer_without_a_server_error(route, article):
    path = fill(route, sample_values(route, article))
    with translation.override(language_of(route)):
        resolve(urlsplit(path).path)  # the sample values fit the route
    assert problems_with(path, ALL_ODD_REQUESTS) == []


def test_odd_requests_to_the_root_answer_without_a_server_error():
    # `/` is in no URL pattern: LocaleMiddleware redirects it to a language.
    assert problems_with("/", ALL_ODD_REQUESTS) == []


@pytest.mark.parametrize("route", [r for r in ROUTES if NAMING & parameters(r)])
def test_odd_values_in_every_url_answer_without_a_server_error(route, article):
    problems = []
    for name, value in ODD_VALUES.items():
        values = {
            parameter: value if parameter in NAMING else sample
            for parameter, sample in sample_values(route, article).items()
        }
        odd_requests = [(name, odd) for odd in ODD_REQUESTS["plain"]]
        problems += problems_with(fill(route, values), odd_requests)
    assert problems == []


# Each form against odd input

ODD = [
    "",
    " ",
    "\x00",
    "a" * 5000,
    "é" * 300,
    "\u202eevil",
    "😀" * 50,
    "<script>alert(1)</script>",
    '"unbalanced( * NEAR -',
    "../../etc/passwd",
    "%00%2e%2e",
]

GET_PATHS = [
    "/xx/",
    "/fr/articles/{pk}-..%2F..%2Fetc%2Fpasswd/",
    "/fr/articles/{pk}-%F0%9F%98%80/",
    "/fr/search/?page=abc&q=mot",
    "/fr/search/?page=-1&q=mot",
    "/fr/search/?page=99999999999999999999&q=mot",
]


@pytest.mark.parametrize("template", GET_PATHS)
def test_odd_paths_are_answered_without_a_server_error(client, article, template):
    path = template.format(pk=article.pk)
    assert client.get(path).status_code < 500


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(
    "path", ["/fr/search/", "/fr/search/suggestions/", "/en/search/"]
)
def test_odd_search_queries_never_fail(client, path, value):
    assert client.get(path, {"q": value}).status_code < 500


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/fr/accounts/login/", ["login", "password"]),
        ("/fr/accounts/signup/", ["email", "username", "password1", "password2"]),
        ("/fr/accounts/password/reset/", ["email"]),
        ("/fr/accounts/username/recover/", ["email"]),
    ],
)
def test_odd_account_form_input_is_refused_and_writes_nothing(
    client, path, fields, value
):
    before = rows()
    response = client.post(path, dict.fromkeys(fields, value))
    assert response.status_code < 500
    assert rows() == before


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/fr/accounts/password/change/", ["oldpassword", "password1", "password2"]),
        ("/fr/accounts/email/", ["email", "action_add"]),
        ("/fr/accounts/email/", ["email", "action_remove"]),
        ("/fr/accounts/email/", ["email", "action_primary"]),
    ],
)
def test_odd_input_to_a_signed_in_readers_forms_changes_nothing(
    client, path, fields, value
):
    user = make_account()
    client.force_login(user)
    # The session's first page records it in the reader's list of sessions.
    client.get("/fr/accounts/email/")
    before = (rows(), user.password, list(EmailAddress.objects.values()))
    response = client.post(path, dict.fromkeys(fields, value))
    assert response.status_code < 500
    user.refresh_from_db()
    assert (rows(), user.password, list(EmailAddress.objects.values())) == before


@pytest.mark.parametrize("value", ODD)
def test_odd_new_passwords_from_a_reset_link_are_refused_or_saved_whole(client, value):
    user = make_account()
    client.post("/fr/accounts/password/reset/", {"email": user.email})
    link = urlsplit(link_in(mail.outbox[-1].body, "/password/reset/key/")).path
    form = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form, {"password1": value, "password2": value})
    assert response.status_code < 500
    # Long or odd values are fine passwords when strong enough; the refused
    # ones (too short, a NUL) change nothing.
    refused = value in ("", " ", "\x00", "\u202eevil", "%00%2e%2e")
    assert response.status_code == (200 if refused else 302)
    user.refresh_from_db()
    assert user.check_password(STRONG_PASSWORD if refused else value)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"value": "maybe"},
        {"value": "no", "reason": "because"},
        {"value": "no", "comment": "x" * 5000},
        {"value": "\x00"},
        {"value": "yes", "unknown": "q" * 5000},
    ],
)
def test_odd_votes_are_refused_and_write_nothing(client, article, data):
    before = rows()
    response = client.post(
        f"/fr/articles/{article.pk}/feedback/",
        data,
        headers={"sec-fetch-site": "same-origin"},
    )
    assert response.status_code < 500
    if response.status_code >= 400:
        assert rows() == before


def test_votes_on_unknown_articles_are_404(client):
    response = client.post(
        "/fr/articles/999999/feedback/",
        {"value": "yes"},
        headers={"sec-fetch-site": "same-origin"},
    )
    assert response.status_code == 404
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/fr/search/",
        "/fr/search/suggestions/",
        "/fr/accounts/username/recover/",
        "/healthz",
        "/robots.txt",
        "/sitemap.xml",
    ],
)
def test_wrong_methods_are_refused(client, method, path):
    assert getattr(client, method)(path).status_code in (403, 405)
