import logging

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    """Our policies on top of allauth: sign-up can be closed, a failed login
    costs one password hash whether or not the account exists, emails name
    the help center and say how long their links last, and what a visitor
    sends (`?next=`, X-Forwarded-For) is refused, never a server error."""

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

    def is_safe_url(self, url):
        # allauth parses `?next=` with urlparse, which raises on text such as
        # "http://[/": an address nobody can follow is not a safe one.
        try:
            return super().is_safe_url(url)
        except ValueError:
            return False

    def get_client_ip(self, request):
        # allauth takes an X-Forwarded-For with fewer addresses than
        # ALLAUTH_TRUSTED_PROXY_COUNT for a misconfiguration (500); whoever
        # sends one has gone around our proxies. Refused, like an address
        # allauth cannot read; logged, in case the count is wrong after all.
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured as error:
            logger.warning("Refused: %s", error)
            raise PermissionDenied(str(error)) from error
