"""The support form: what the reader writes, and the context it came from."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from feedback.models import Feedback

from . import deflection
from .models import SupportRequest


def _has_control_characters(text):
    return any(unicodedata.category(char) == "Cc" for char in text)


class OneLineMixin:
    """Refuses line breaks and other control characters, before Django strips
    the value: these fields end up in email headers, where a line break
    would start a header of the reader's choosing."""

    def to_python(self, value):
        if isinstance(value, str) and _has_control_characters(value):
            raise ValidationError(
                _("This field must be on one line, without control characters."),
                code="control_characters",
            )
        return super().to_python(value)


class OneLineField(OneLineMixin, forms.CharField):
    pass


class OneLineEmailField(OneLineMixin, forms.EmailField):
    pass


class MessageField(forms.CharField):
    def to_python(self, value):
        # Browsers send a textarea's line breaks as CRLF but count them as one
        # character against `maxlength`: count them the same way here.
        return super().to_python(value).replace("\r\n", "\n")


TOO_LONG = _("Keep it to %(limit_value)d characters (it has %(show_value)d).")


class SupportForm(forms.Form):
    """Address, subject and message; the article, the reason of a No and the
    form's id ride along as hidden fields. `website` is a trap for robots:
    hidden from people, filled in by scripts that fill in everything."""

    email = OneLineEmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We will answer you at this address."),
        error_messages={
            "invalid": _("Enter an email address such as name@example.com.")
        },
    )
    subject = OneLineField(
        label=_("Subject"),
        max_length=SupportRequest.SUBJECT_MAX_LENGTH,
        min_length=3,
        error_messages={"max_length": TOO_LONG},
    )
    message = MessageField(
        label=_("Your message"),
        max_length=SupportRequest.MESSAGE_MAX_LENGTH,
        min_length=10,
        help_text=_(
            "Up to 5,000 characters. Say what you tried. Never send a password."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"max_length": TOO_LONG},
    )
    article = forms.IntegerField(
        required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1
    )
    reason = forms.ChoiceField(
        required=False, choices=Feedback.Reason.choices, widget=forms.HiddenInput
    )
    draft = forms.CharField(required=False, max_length=32, widget=forms.HiddenInput)
    website = forms.CharField(
        required=False,
        max_length=200,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("email", "subject"):
            self.fields[name].widget.attrs["maxlength"] = self.fields[name].max_length
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["message"].widget.attrs["maxlength"] = (
            SupportRequest.MESSAGE_MAX_LENGTH
        )
        self.fields["message"].widget.attrs["aria-describedby"] = "id_message_helptext"
        self.fields["email"].widget.attrs["aria-describedby"] = "id_email_helptext"

    def clean_article(self):
        pk = self.cleaned_data["article"]
        if pk is None:
            return None
        article = Article.objects.published().filter(pk=pk).first()
        if article is None:
            raise ValidationError(
                _("The article this form was opened from is no longer published."),
                code="article",
            )
        return article

    def clean_draft(self):
        return deflection.valid_draft(self.cleaned_data["draft"])

    def is_trapped(self):
        """Whether a robot filled in the hidden field."""
        return bool(self.cleaned_data.get("website"))
