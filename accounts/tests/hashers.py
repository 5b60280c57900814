"""A password hasher for tests that counts the expensive work it does."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class CountingHasher(PBKDF2PasswordHasher):
    """PBKDF2 counting its runs. Hashing a new password (`encode`) and
    checking one (`verify`, which encodes the typed password with the stored
    salt) run it once each, so `runs` is the number of slow derivations."""

    algorithm = "counting_pbkdf2_sha256"
    # The count is under test, not the time: one iteration keeps tests fast.
    iterations = 1
    runs = 0

    def encode(self, password, salt, iterations=None):
        type(self).runs += 1
        return super().encode(password, salt, iterations)
