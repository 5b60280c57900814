"""How long a reader must wait, said in words: before signing in again after
too many failures, and before the verification email can be sent again."""

import math

from allauth.account import app_settings
from allauth.core.internal.ratelimit import parse_rates

LOCKED_OUT = "too_many_login_attempts"


def _longest_window_minutes(action):
    # parse_rates is allauth's own reader of its rate strings (65.x, internal):
    # the tests of these messages catch an upgrade that moves it.
    rates = parse_rates(app_settings.RATE_LIMITS.get(action))
    longest = max((rate.duration for rate in rates), default=60)
    return max(1, math.ceil(longest / 60))


def lockout_minutes():
    """Roughly how many minutes until signing in is allowed again."""
    return _longest_window_minutes("login_failed")


def resend_minutes():
    """How often the email verification can be sent again, in minutes."""
    return _longest_window_minutes("confirm_email")
