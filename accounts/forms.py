from allauth.account import forms as allauth_forms
from allauth.account.app_settings import EmailVerificationMethod
from allauth.account.internal.flows.signup import send_unknown_account_mail
from allauth.account.utils import user_email
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# The glossary's words (docs/glossary.*.md), in place of allauth's mixed ones
# ("Courriel", "Identifiant", "Remember Me"). Placeholders repeated the labels
# in other words: the visible label is enough.
LABELS = {
    "login": _("Username or email address"),
    "email": _("Email address"),
    "username": _("Username"),
    "password": _("Password"),
    "remember": _("Remember me"),
    "oldpassword": _("Current password"),
    "password1": _("New password"),
    "password2": _("New password again"),
}


def use_glossary(form, labels=LABELS):
    """Give `form`'s fields the glossary's labels and no placeholders."""
    for name, field in form.fields.items():
        if name in labels:
            field.label = labels[name]
        field.widget.attrs.pop("placeholder", None)


def _username_recovery_help():
    # Rendered lazily: the link is reversed in the reader's language.
    return mark_safe(render_to_string("account/username_recovery_help_text.html"))  # noqa: S308 (our template)


class LoginForm(allauth_forms.LoginForm):
    """allauth's login form with "Forgot your username?" beside the login field
    (the password field already carries "Forgot your password?")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_glossary(self)
        self.fields["login"].help_text = lazy(_username_recovery_help, SafeString)()

    def clean(self):
        cleaned_data = super().clean()
        if self.user is not None and self.user.is_staff:
            # Staff accounts are made by an administrator (`createsuperuser`
            # or the admin), who vouches for them: they log in straight away
            # even though sign-ups must verify their email address. `_login`
            # is allauth's (65.x) own attribute, not a public API: the test
            # "createsuperuser then /admin/" catches an upgrade that moves it.
            self._login.email_verification = EmailVerificationMethod.NONE
        return cleaned_data


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up, hashing the password even for a used address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_glossary(
            self,
            {**LABELS, "password1": _("Password"), "password2": _("Password again")},
        )

    def try_save(self, request):
        if self.account_already_exists:
            # No account is made (the address's owner gets an email instead),
            # but a new account's password is hashed: without this hash the
            # quicker answer would tell that the address is used.
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """Password reset by email address *or* username: the troubleshooting
    article tells people their username is usually their email, and many
    type one or the other. A username is turned into its account's address;
    an unknown one is answered like a known one, after the same work, though
    no email can be sent."""

    email = forms.CharField(
        label=_("Username or email address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )

    def clean_email(self):
        value = self.cleaned_data["email"].strip()
        self.cleaned_data["email"] = value
        if "@" in value:
            validate_email(value)
            typed = super().clean_email()
            return user_email(self.users[0]) if self.users else typed
        accounts = get_user_model().objects.filter(
            username__iexact=value, is_active=True
        )
        # Usernames differing only in capitals name different accounts (made
        # by createsuperuser or the admin; sign-up stores lower case): the
        # one typed as is first, and a link only ever goes to its own
        # account's address.
        found = sorted(
            (user for user in accounts if user_email(user)),
            key=lambda user: (user.username != value, user.pk),
        )
        address = user_email(found[0]) if found else None
        self.users = [
            user for user in found if user_email(user).lower() == address.lower()
        ]
        # The rate limit is keyed on what this returns: the account's address
        # for a known username, the username itself for an unknown one.
        return address or value.lower()

    def save(self, request, **kwargs):
        if self.users or "@" in self.cleaned_data["email"]:
            return super().save(request, **kwargs)
        # An unknown username has no address to write to: write the email an
        # unknown address gets all the same, to no recipient (Django sends
        # nothing then), so that the answer takes as long as a known
        # username's. allauth's internal flow (65.x) keeps it the very email
        # its reset writes for an unknown address; test_timing.py checks.
        send_unknown_account_mail(request, [])
        return self.cleaned_data["email"]


class UsernameRecoveryForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The address you used when you created your account."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class AddEmailForm(allauth_forms.AddEmailForm):
    """allauth's form to add an address, in the glossary's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_glossary(self)


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    """allauth's password change, in the glossary's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_glossary(self)
