"""A scheduled working copy goes live under gunicorn with two processes,
with nothing else running, and is published once."""

import time
from concurrent.futures import ThreadPoolExecutor

from helpcenter.tests.servers import get, gunicorn, production_demo, shell

ARTICLE = "change-password"
SCHEDULE = f"""
import datetime
from django.utils import timezone
from articles import publishing
from articles.models import Article
article = Article.objects.get(key="{ARTICLE}")
article.body_en = "Scheduled words."
due = timezone.now() + datetime.timedelta(seconds=8)
publishing.save_copy(article, None, publish_at=due)
print(Article.objects.get(pk=article.pk).url_in("en"), due.timestamp())
"""
COUNT = f"""
from reversion.models import Version
from articles.models import Article, WorkingCopy
article = Article.objects.get(key="{ARTICLE}")
published = Version.objects.get_for_object(article).filter(
    revision__comment="Published as scheduled."
).count()
print(published, WorkingCopy.objects.count())
"""


def test_a_scheduled_copy_goes_live_once_under_two_processes(tmp_path):
    # Both processes look at every request: they race for the copy.
    env = production_demo(tmp_path, "schedule", PUBLISH_CHECK_SECONDS="0")
    with gunicorn(env, tmp_path / "gunicorn") as server:
        link, due = shell(env, SCHEDULE).split()
        assert "Scheduled words." not in get(f"{server.url}{link}")[1]
        time.sleep(max(0, float(due) - time.time()) + 0.5)
        with ThreadPoolExecutor(8) as pool:
            pages = list(pool.map(lambda _n: get(f"{server.url}{link}")[1], range(16)))
        # Inside the block: a failure shows the servers' output.
        assert ["Scheduled words." in body for body in pages] == [True] * 16
        assert shell(env, COUNT).split() == ["1", "0"]
