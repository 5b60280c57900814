"""Sessions in the database, as Django keeps them."""

from django.contrib.sessions.backends import db


class SessionStore(db.SessionStore):
    """Django's database sessions, which look a session cookie up only if it
    could be one of their keys (letters and digits): PostgreSQL answers a key
    with a NUL byte (`"\\000..."` in a cookie) with an error, a 500 for
    whoever sends it, where any other unknown key is a new session."""

    def _validate_session_key(self, key):
        return super()._validate_session_key(key) and key.isascii() and key.isalnum()
