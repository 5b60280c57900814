"""Sending a support request: stored, then emailed to support and
acknowledged to the reader through the task queue (helpcenter/mail.py), in
one transaction: with the database queue, the request and both emails are
written together or not at all, and the emails are retried while SMTP is
down, so nothing of the message is lost."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from articles.models import DEFAULT_LANGUAGE
from branding.models import current as current_brand

from . import counts, deflection
from .models import SupportRequest


def language_read(article, language):
    """The language of the text a reader of `language` read."""
    return language if article.has_translation(language) else DEFAULT_LANGUAGE


def send_request(
    *, email, subject, message, language, user=None, article=None, reason="", draft=""
):
    """Store the request and queue its two emails; returns the request."""
    with transaction.atomic():
        request = SupportRequest.objects.create(
            email=email,
            subject=subject,
            message=message,
            language=language,
            article=article,
            article_language=language_read(article, language) if article else "",
            reason=reason if article else "",
            user=user if user and user.is_authenticated else None,
            username=user.get_username() if user and user.is_authenticated else "",
        )
        if article:
            counts.add(article.pk, request.article_language, sent=1)
        deflection.came_back(draft)
        _to_support(request).send()
        _acknowledgement(request).send()
    return request


def _text(template, request):
    return render_to_string(template, {"request": request, "settings": settings})


def _to_support(request):
    """For support, in the site's default language, answered by replying."""
    with translation.override(settings.LANGUAGE_CODE):
        return EmailMessage(
            subject=_text("support/email/request_subject.txt", request).strip(),
            body=_text("support/email/request_message.txt", request),
            from_email=settings.DEFAULT_FROM_EMAIL,
            # The site's settings, SUPPORT_EMAIL until a superuser sets one.
            to=[current_brand().support_address()],
            reply_to=[request.email],
        )


def _acknowledgement(request):
    """For the reader, in their language. It holds nothing they wrote, so
    the form cannot be used to send someone else a text of one's choosing."""
    with translation.override(request.language):
        return EmailMessage(
            subject=_text("support/email/acknowledgement_subject.txt", request).strip(),
            body=_text("support/email/acknowledgement_message.txt", request),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[request.email],
        )
