import uuid

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _test_environment(settings, request):
    """Tests run with DEBUG=False: serve static files without the manifest
    (no collectstatic needed). Each test gets its own cache key prefix, so
    rate limits counted in one test never leak into another (the cache is a
    database table or Redis, shared like in production). Staff need no
    second factor except in tests marked `staff_mfa` (those about it): the
    others sign staff in to test something else."""
    settings.STORAGES = {
        **settings.STORAGES,
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
    yield
    # The language a request activated stays active in the thread after it:
    # each test starts from the default, whatever the one before read.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def smtp_inbox(settings):
    """Mail goes through a real SMTP server; the fixture is its inbox."""
    from accounts.tests.smtp import start_smtp_server

    controller, inbox = start_smtp_server(settings)
    yield inbox
    controller.stop()
