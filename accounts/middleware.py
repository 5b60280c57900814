"""The accounts' middleware: staff must sign in with a second factor, and
each session's "last seen" is kept for the reader's list of sessions.

allauth offers two-step sign-in but requires it of no one (DESIGN.md,
section 4).
A staff account without one still signs in (its password was right), but
every page, the admin first, sends it to the enrolment page until it has
enrolled; the pages enrolling needs (confirming the password, the
authenticator app, security keys, signing out) answer as usual.
`STAFF_MFA_REQUIRED=0` turns this off."""

import contextlib
import time

from allauth.mfa.utils import is_mfa_enabled
from allauth.usersessions.internal import usersessionkit
from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from helpcenter.unavailable import UNAVAILABLE, unavailable_response

# URL names a staff account without a second factor may still reach.
ENROLMENT_URL_NAMES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_add_webauthn",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "account_reauthenticate",
        "account_logout",
        # A second factor needs a verified address (allauth): the address's
        # page and its confirmation link.
        "account_email",
        "account_confirm_email",
        "set_language",
    }
)
ENROLMENT_URL_NAME = "mfa_activate_totp"


def must_enrol(user):
    """Whether `user` is staff without a second factor while staff need one."""
    return (
        settings.STAFF_MFA_REQUIRED
        and user.is_authenticated
        and user.is_staff
        and not is_mfa_enabled(user)
    )


def is_enrolment_page(path):
    try:
        return resolve(path).url_name in ENROLMENT_URL_NAMES
    except Resolver404:
        return False


class StaffMFAMiddleware:
    """Sends staff without a second factor to the enrolment page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            # Read by the enrolment page, which then says why it is shown.
            request.staff_must_enrol = must_enrol(request.user)
        except UNAVAILABLE as error:
            # The session or the account is in the database: without it,
            # nobody can be told apart, so nobody goes through.
            return unavailable_response(request, error)
        if request.staff_must_enrol and not is_enrolment_page(request.path_info):
            # 303: whatever was asked (a form sent to the admin too), the
            # answer is the enrolment page, fetched with GET.
            response = HttpResponseRedirect(reverse(ENROLMENT_URL_NAME))
            response.status_code = 303
            return response
        return self.get_response(request)


class SessionActivityMiddleware:
    """allauth's UserSessionsMiddleware (each session's "last seen"), at most
    once every SEEN_EVERY_SECONDS per session: allauth's writes the session's
    row on every request, a write transaction each time a signed-in reader
    opens a page. When it last did is kept in the session itself (read
    anyway). It lets the request through when the database cannot answer: a
    date on the list of sessions is no reason to fail a page, and /healthz
    must say itself that the database is down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with contextlib.suppress(UNAVAILABLE):
            if request.user.is_authenticated and _time_to_say_seen(request.session):
                usersessionkit.track_activity(
                    request, user=request.user, session=request.session
                )
        return self.get_response(request)


SEEN_EVERY_SECONDS = 300
_SEEN_AT = "_usersession_seen_at"


def _time_to_say_seen(session):
    now = int(time.time())
    if now - session.get(_SEEN_AT, 0) < SEEN_EVERY_SECONDS:
        return False
    session[_SEEN_AT] = now
    return True
