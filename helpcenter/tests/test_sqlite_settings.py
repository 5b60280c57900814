"""SQLite as a real embedded database (issue #21): every SQLite URL gets WAL,
synchronous=NORMAL, a busy timeout and IMMEDIATE write transactions, so that
writers from several processes queue instead of failing with "database is
locked". Each test runs its own processes on a file database, whatever the
test pass's database is."""

import os
import shutil
import subprocess
import sys

import pytest

from .servers import BASE_DIR, manage

SETTINGS = """
from django.db import connection
with connection.cursor() as cursor:
    for pragma in ("journal_mode", "synchronous", "busy_timeout"):
        cursor.execute(f"PRAGMA {pragma}")
        print(pragma, cursor.fetchone()[0])
print("transaction_mode", connection.transaction_mode)
"""

# Votes as browsers send them, each from an address of its own (the rate
# limits would stop one address long before): the answer, the rate limits'
# counters and the page cache's versions all write to the database.
BURST = """
import sys
from django.test import Client
from articles.models import Article
article = Article.objects.get(key="burst")
process = int(sys.argv[1])
for number in range(200):
    response = Client().post(
        f"/en/articles/{article.pk}/feedback/",
        {"value": "yes" if number % 2 else "no"},
        headers={"origin": "http://testserver"},
        REMOTE_ADDR=f"10.{process}.{number // 100}.{number % 100}",
    )
    assert response.status_code == 303, response.status_code
print("voted")
"""

CREATE_ARTICLE = """
from articles.tests.helpers import make_article
make_article(key="burst")
"""


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    database = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    manage(environment(database), "migrate", "-v0")
    return database


def environment(database):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    env.pop("REDIS_URL", None)  # the page cache's versions in the database too
    return env


def shell(database, script, *args):
    return subprocess.Popen(
        [sys.executable, "-c", PREAMBLE + script, *args],
        cwd=BASE_DIR,
        env=environment(database),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


PREAMBLE = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helpcenter.settings")
django.setup()
"""


def output(process):
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    return stdout


def test_a_sqlite_database_runs_in_wal_mode_with_immediate_writes(migrated, tmp_path):
    database = shutil.copy(migrated, tmp_path / "db.sqlite3")

    lines = output(shell(database, SETTINGS)).split("\n")

    assert "journal_mode wal" in lines
    assert "synchronous 1" in lines  # NORMAL
    assert "busy_timeout 20000" in lines
    assert "transaction_mode IMMEDIATE" in lines


def test_a_400_vote_burst_from_two_processes_loses_no_vote(migrated, tmp_path):
    database = shutil.copy(migrated, tmp_path / "db.sqlite3")
    output(shell(database, CREATE_ARTICLE))

    voters = [shell(database, BURST, name) for name in ("1", "2")]

    assert [output(voter).split()[-1] for voter in voters] == ["voted", "voted"]
    count = "from feedback.models import Feedback; print(Feedback.objects.count())"
    assert output(shell(database, count)).strip() == "400"


# While this process writes, another process asks whether it may.
WRITERS_TAKE_TURNS = """
import fcntl, os
from django.db import connection, transaction
from articles.models import Category

def may_write():
    other = os.open(connection.settings_dict["NAME"] + ".writers", os.O_RDWR)
    try:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return "free"
    except BlockingIOError:
        return "taken"
    finally:
        os.close(other)

Category.objects.count()  # connected
print("before", may_write())
with transaction.atomic():
    Category.objects.create(key="one")
    print("writing", may_write())
print("after", may_write())
try:
    with transaction.atomic():
        Category.objects.create(key="two")
        raise ValueError
except ValueError:
    pass
print("rolled back", may_write())
"""


def test_writers_take_turns_through_a_lock_held_for_the_transaction_only(
    migrated, tmp_path
):
    # The kernel hands the lock to the next writer the moment it is freed;
    # SQLite's own busy wait naps up to 100 ms between tries (issue #21).
    database = shutil.copy(migrated, tmp_path / "db.sqlite3")

    lines = output(shell(database, WRITERS_TAKE_TURNS)).split("\n")

    assert lines[:4] == [
        "before free",
        "writing taken",
        "after free",
        "rolled back free",
    ]
