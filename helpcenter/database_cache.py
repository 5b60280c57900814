"""Without REDIS_URL the cache (rate limits, pages) is a database table:
`migrate` makes it, so that a new site answers without another command;
its keys are written in one statement each time (`DatabaseCache`)."""

import base64
import pickle
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends import db
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.management import call_command
from django.db import connections, router, transaction
from django.utils import timezone


def create_cache_table(using, verbosity=1, **kwargs):
    """A post_migrate receiver: `createcachetable`, which leaves existing
    tables and caches other than the database's alone."""
    call_command("createcachetable", database=using, verbosity=verbosity)


class DatabaseCache(db.DatabaseCache):
    """Django's database cache, whose `set` and `set_many` write in one
    statement: an INSERT ... ON CONFLICT DO UPDATE of every key (SQLite and
    PostgreSQL have it), after one count of the table to cull it when full.
    Django's writes each key with four statements (a count, a savepoint, a
    read, a write): a vote writes two page-cache versions inside its write
    transaction, which on SQLite keeps every other writer waiting."""

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.set_many({key: value}, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        if not data:
            return []
        rows = [
            (self.make_and_validate_key(key, version=version), value)
            for key, value in data.items()
        ]
        timeout = self.get_backend_timeout(timeout)
        using = router.db_for_write(self.cache_model_class)
        connection = connections[using]
        quote = connection.ops.quote_name
        table = quote(self._table)
        now = timezone.now().replace(microsecond=0)
        # As Django's: no timeout is the largest date.
        expires = (
            datetime.max
            if timeout is None
            else datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        ).replace(microsecond=0)
        expires = connection.ops.adapt_datetimefield_value(expires)
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
            count = cursor.fetchone()[0]
            if count > self._max_entries:
                self._cull(using, cursor, now, count)
            values = ", ".join(["(%s, %s, %s)"] * len(rows))
            key, value, expiry = quote("cache_key"), quote("value"), quote("expires")
            cursor.execute(
                f"INSERT INTO {table} ({key}, {value}, {expiry}) VALUES {values} "  # noqa: S608
                f"ON CONFLICT ({key}) DO UPDATE SET {value} = EXCLUDED.{value}, "
                f"{expiry} = EXCLUDED.{expiry}",
                [
                    item
                    for cache_key, data_value in rows
                    for item in (cache_key, self._encoded(data_value), expires)
                ],
            )
        return []

    def _encoded(self, value):
        # As Django's: a pickle in base64, text for the column.
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode(
            "latin1"
        )
