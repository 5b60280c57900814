from django import forms
from django.utils.translation import gettext_lazy as _


class UsernameRecoveryForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The address you used when you created your account."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
