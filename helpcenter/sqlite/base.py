"""SQLite, with its writers taking turns through a lock file.

SQLite lets one writer in at a time; the others wait in its busy handler,
which sleeps and tries again, up to 100 ms a nap: with a dozen voters at
once, a vote waited up to a second at the 99th percentile although each
write takes a millisecond or two. Here each write transaction (Django's
`atomic`, begun IMMEDIATE: settings.py) first takes an exclusive `flock` on
`<database>.writers` next to the database file, which the kernel hands to
the next waiter the moment it is released. Processes and threads of the
site all go through it (each connection holds its own lock file); a process
that dies releases it. An in-memory database (the tests) needs no lock.
"""

import fcntl
import os

from django.db.backends.sqlite3 import base


def _lock_path(name):
    name = str(name)
    if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    return f"{name}.writers"


class DatabaseWrapper(base.DatabaseWrapper):
    _writers = None

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        path = _lock_path(self.settings_dict["NAME"])
        if path is not None:
            self._writers = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        return connection

    def _start_transaction_under_autocommit(self):
        if self._writers is not None:
            fcntl.flock(self._writers, fcntl.LOCK_EX)
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._let_next_writer_in()
            raise

    def _commit(self):
        try:
            super()._commit()
        finally:
            self._let_next_writer_in()

    def _rollback(self):
        try:
            super()._rollback()
        finally:
            self._let_next_writer_in()

    def _close(self):
        try:
            super()._close()
        finally:
            if self._writers is not None:
                os.close(self._writers)  # releases the lock if held
                self._writers = None

    def _let_next_writer_in(self):
        if self._writers is not None:
            fcntl.flock(self._writers, fcntl.LOCK_UN)
