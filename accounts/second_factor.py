"""Taking a second factor away from an account that lost it (its phone, its
key and its recovery codes), for `manage.py remove_second_factor`.

allauth removes factors only for their signed-in owner; an editor who lost
all of theirs cannot sign in to do it. Whoever runs the command vouches
for them: it is logged, and every session of the account ends, so that
whoever might hold one must sign in again (and staff enrol again)."""

import logging

from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession

logger = logging.getLogger(__name__)


def remove_second_factor(user, *, by, reason=""):
    """Delete `user`'s factors and end their sessions; the number of factors
    (0, and nothing done, for an account without any)."""
    removed, _ = Authenticator.objects.filter(user=user).delete()
    if not removed:
        return 0
    for session in UserSession.objects.filter(user=user):
        session.end()
    logger.warning(
        "Second factor removed from account %r (id %s) by %s: %d factor(s); reason: %s",
        user.get_username(),
        user.pk,
        by,
        removed,
        reason or "none given",
    )
    return removed
