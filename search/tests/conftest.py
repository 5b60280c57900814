import pytest

from search import log


@pytest.fixture(autouse=True)
def _search_log_written_at_once(settings):
    """Searches are logged at once here (tests of the log itself say
    otherwise), and none is left for another test to write (the test's
    database is gone by then)."""
    settings.SEARCH_LOG_BATCH = 1
    yield
    log.discard()
