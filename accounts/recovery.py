"""'Forgot your username?': mail the usernames tied to a verified address.

allauth has no such flow; this one reuses its adapter (mail templates, sender)
and its rate limits, and answers the same way whether or not an account
exists: an address with no confirmed account gets an email saying so."""

from allauth.account import app_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.urls import reverse

RATE_LIMIT_ACTION = "recover_username"


def usernames_for_email(email):
    """Usernames of active accounts whose *verified* addresses include `email`."""
    addresses = EmailAddress.objects.filter(
        email__iexact=email, verified=True, user__is_active=True
    ).select_related("user")
    return sorted({address.user.get_username() for address in addresses})


def send_username_reminder(request, email):
    """Mail the usernames for `email`, or say that no account uses it."""
    adapter = get_adapter(request)
    usernames = usernames_for_email(email)
    if usernames:
        adapter.send_mail(
            "account/email/username_recovery",
            email,
            {
                "usernames": usernames,
                "login_url": request.build_absolute_uri(reverse("account_login")),
                "reset_url": request.build_absolute_uri(
                    reverse("account_reset_password")
                ),
            },
        )
    elif app_settings.EMAIL_UNKNOWN_ACCOUNTS:
        adapter.send_mail(
            "account/email/username_not_found",
            email,
            {
                "reset_url": request.build_absolute_uri(
                    reverse("account_reset_password")
                ),
                "signup_url": request.build_absolute_uri(reverse("account_signup")),
            },
        )
