"""'Forgot your username?': mail the usernames tied to a verified address.

allauth has no such flow; this one reuses its adapter (mail templates, sender)
and its rate limits, and behaves the same whether or not an account exists."""

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
    """Mail the usernames for `email`, if any; silent when there are none."""
    usernames = usernames_for_email(email)
    if not usernames:
        return
    get_adapter(request).send_mail(
        "account/email/username_recovery",
        email,
        {
            "usernames": usernames,
            "login_url": request.build_absolute_uri(reverse("account_login")),
            "reset_url": request.build_absolute_uri(reverse("account_reset_password")),
        },
    )
