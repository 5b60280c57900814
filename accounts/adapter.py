from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import gettext


class AccountAdapter(DefaultAccountAdapter):
    """Our policies on top of allauth: sign-up can be closed, a failed login
    costs one password hash whether or not the account exists, and emails
    name the help center and say how long their links last."""

    def authenticate(self, request, **credentials):
        # allauth's login form passes a login that looks like an address as
        # both `email` and `username`, and its backend tries a username as an
        # address first: with both, a wrong password for a known address was
        # hashed twice, an unknown one once, and the time told them apart.
        typed = credentials.get("username")
        if typed is not None and credentials.get("email") == typed:
            del credentials["email"]
        return super().authenticate(request, **credentials)

    def is_open_for_signup(self, request):
        return settings.ACCOUNT_SIGNUP_OPEN

    def format_email_subject(self, subject):
        return gettext("%(site)s: %(subject)s") % {
            "site": gettext("Help Center"),
            "subject": subject,
        }

    def send_mail(self, template_prefix, email, context):
        context = {
            "reset_link_hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
            "signup_open": settings.ACCOUNT_SIGNUP_OPEN,
            **context,
        }
        super().send_mail(template_prefix, email, context)
