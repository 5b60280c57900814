import uuid

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _test_environment(settings, tmp_path):
    """Tests run with DEBUG=False: serve static files without the manifest
    (no collectstatic needed). Uploaded files go to the test's own folder.
    Each test gets its own cache key prefix, so
    rate limits counted in one test never leak into another (the cache is a
    database table or Redis, shared like in production)."""
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


@pytest.fixture
def brand_in_cache(db):
    """The site's brand where every page after the first finds it: in the
    cache (branding.models.current), so budgets count pages as readers get
    them."""
    from branding.models import current

    current()
