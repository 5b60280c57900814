import os
import uuid

import pytest
import redis
from django.utils import translation


@pytest.fixture(autouse=True)
def _test_environment(settings, request, tmp_path):
    """Tests run with DEBUG=False: serve static files without the manifest
    (no collectstatic needed). Uploaded files go to the test's own folder.
    Each test gets its own cache key prefix, so
    rate limits counted in one test never leak into another (the cache is a
    database table or Redis, shared like in production). Staff need no
    second factor except in tests marked `staff_mfa` (those about it): the
    others sign staff in to test something else."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": settings.MEDIA_ROOT},
        },
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }
    if request.node.get_closest_marker("staff_mfa") is None:
        settings.STAFF_MFA_REQUIRED = False
    # Requests look for scheduled working copies now and then: never in the
    # middle of a test that counts queries, unless it schedules one.
    from articles import publishing

    settings.PUBLISH_CHECK_SECONDS = 3600
    publishing.forget_schedule(due=publishing.NEVER)
    yield
    # The language a request activated stays active in the thread after it:
    # each test starts from the default, whatever the one before read.
    translation.activate(settings.LANGUAGE_CODE)
    # Reads and searches kept in memory belong to the test's database, gone
    # now: nothing to write when the test run exits.
    from feedback import reads
    from search import log

    reads._pending.clear()
    log._pending.clear()


@pytest.fixture
def smtp_inbox(settings):
    """Mail goes through a real SMTP server; the fixture is its inbox."""
    from accounts.tests.smtp import start_smtp_server

    controller, inbox = start_smtp_server(settings)
    yield inbox
    controller.stop()


@pytest.fixture
def redis_cache(settings):
    """This test's cache in Redis, whatever the tests' cache is: its URL.
    Its keys are deleted afterwards."""
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    client = redis.Redis.from_url(url, socket_connect_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.fail(
            f"Redis at {url} does not answer ({error}): start it, or set REDIS_URL."
        )
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    yield url
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


@pytest.fixture
def brand_in_cache(db):
    """The site's brand where every page after the first finds it: in the
    cache (branding.models.current), so budgets count pages as readers get
    them."""
    from branding.models import current

    current()
