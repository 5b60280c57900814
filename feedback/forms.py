from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Feedback


class CommentField(forms.CharField):
    def to_python(self, value):
        # Browsers send a textarea's line breaks as CRLF but count them as one
        # character against `maxlength`: count them the same way here.
        return super().to_python(value).replace("\r\n", "\n")


class FeedbackForm(forms.Form):
    """An answer to "Did this answer your question?": the vote buttons send
    `value` alone, the "What went wrong?" form adds `reason` and `comment`."""

    value = forms.ChoiceField(
        choices=Feedback.Value.choices,
        error_messages={
            "required": _("Choose Yes or No."),
            "invalid_choice": _("Choose Yes or No."),
        },
    )
    reason = forms.ChoiceField(
        choices=Feedback.Reason.choices,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the reasons offered.")},
    )
    comment = CommentField(
        max_length=Feedback.COMMENT_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": _(
                "Keep your comment to %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("value") == Feedback.Value.YES and (
            cleaned.get("reason") or cleaned.get("comment")
        ):
            raise ValidationError(
                _("A reason or a comment can only go with a No."), code="details"
            )
        return cleaned

    def has_details(self):
        """Whether this is the "What went wrong?" form (which always sends its
        comment box, even empty), rather than a bare vote."""
        return "reason" in self.data or "comment" in self.data
