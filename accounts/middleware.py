"""Staff must sign in with a second factor: allauth offers two-step sign-in
but requires it of no one (DESIGN.md, section 4).

A staff account without one still signs in (its password was right), but
every page, the admin first, sends it to the enrolment page until it has
enrolled; the pages enrolling needs (confirming the password, the
authenticator app, security keys, signing out) answer as usual.
`STAFF_MFA_REQUIRED=0` turns this off."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

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
        # Read by the enrolment page, which then says why it is shown.
        request.staff_must_enrol = must_enrol(request.user)
        if request.staff_must_enrol and not is_enrolment_page(request.path_info):
            # 303: whatever was asked (a form sent to the admin too), the
            # answer is the enrolment page, fetched with GET.
            response = HttpResponseRedirect(reverse(ENROLMENT_URL_NAME))
            response.status_code = 303
            return response
        return self.get_response(request)
