import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from articles.models import Article
from articles.tests.helpers import make_article, make_category

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_healthz_checks_the_database_and_the_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_is_503_when_the_cache_is_unreachable(client, settings):
    # A Redis address where nothing listens: the real client, refused.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unreachable"


def test_healthz_is_503_when_the_database_fails(client):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(database_down):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_healthz_is_503_for_a_signed_in_browser_when_the_database_fails(caplog):
    # The request log names the user, which needs the session, in the
    # database: the answer must stay the view's.
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a" * 32

    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with (
        caplog.at_level("INFO", logger="helpcenter.requests"),
        connection.execute_wrapper(database_down),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    [line] = [r.getMessage() for r in caplog.records if r.name == "helpcenter.requests"]
    assert '"status": 503' in line


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_accounts(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /*/accounts/" in body


def _sitemap_entries(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (ours)
    entries = {}
    for url in root.iter(f"{SITEMAP}url"):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        lastmod = url.find(f"{SITEMAP}lastmod")
        entries[url.find(f"{SITEMAP}loc").text] = (
            alternates,
            lastmod.text if lastmod is not None else None,
        )
    return entries


def test_sitemap_lists_each_translation_with_alternates_and_its_own_lastmod(client):
    article = make_article(title_en="Log in", title_fr="Se connecter")
    base = "http://testserver"
    english = f"{base}/en/articles/{article.pk}-log-in/"
    french = f"{base}/fr/articles/{article.pk}-se-connecter/"
    entries = _sitemap_entries(client)
    alternates, lastmod = entries[french]
    assert alternates == {
        "en": english,
        "fr": french,
        "x-default": f"{base}/articles/{article.pk}-log-in/",
    }
    assert lastmod == article.content_updated_at_fr.date().isoformat()
    assert english in entries
    assert entries[f"{base}/fr/"][0] == {
        "en": f"{base}/en/",
        "fr": f"{base}/fr/",
        "x-default": f"{base}/",
    }


def test_sitemap_leaves_out_drafts_and_missing_translations(client):
    draft = make_article(status=Article.Status.DRAFT, title_en="Secret draft")
    english_only = make_article(title_fr="", summary_fr="", body_fr="")
    entries = _sitemap_entries(client)
    assert not any(f"/articles/{draft.pk}-" in url for url in entries)
    assert f"http://testserver{english_only.url_in('en')}" in entries
    assert f"http://testserver{english_only.url_in('fr')}" not in entries


def test_sitemap_lists_categories_that_have_published_articles(client):
    empty = make_category()
    full = make_article().category
    entries = _sitemap_entries(client)
    assert f"http://testserver{full.url_in('fr')}" in entries
    assert f"http://testserver{empty.url_in('fr')}" not in entries


def test_sitemap_leaves_out_categories_whose_articles_are_all_scheduled(client):
    later = timezone.now() + datetime.timedelta(days=1)
    scheduled = make_article(publish_at=later).category
    make_article(category=scheduled, status=Article.Status.DRAFT)
    listed = make_article(publish_at=timezone.now()).category
    make_article(category=listed, publish_at=later)
    entries = _sitemap_entries(client)
    assert f"http://testserver{listed.url_in('fr')}" in entries
    assert f"http://testserver{scheduled.url_in('en')}" not in entries
    assert f"http://testserver{scheduled.url_in('fr')}" not in entries
