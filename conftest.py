import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _test_environment(settings):
    """Tests run with DEBUG=False: serve static files without the manifest
    (no collectstatic needed), and start each test with an empty cache so
    rate limits from one test never leak into another."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp_inbox(settings):
    """Mail goes through a real SMTP server; the fixture is its inbox."""
    from accounts.tests.smtp import start_smtp_server

    controller, inbox = start_smtp_server(settings)
    yield inbox
    controller.stop()
