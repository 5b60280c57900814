from allauth.account.views import LoginView as AllauthLoginView
from allauth.core.ratelimit import consume_or_429
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.forms import NON_FIELD_ERRORS
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from . import recovery, sessions
from .forms import UsernameRecoveryForm
from .waits import LOCKED_OUT, lockout_minutes, resend_minutes


@require_http_methods(["GET", "HEAD", "POST"])
def recover_username(request):
    form = UsernameRecoveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        limited = consume_or_429(request, action=recovery.RATE_LIMIT_ACTION, key=email)
        if limited:
            return limited
        recovery.send_username_reminder(request, email)
        return redirect("account_recover_username_done")
    return render(
        request,
        "account/recover_username.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD"])
def email_verification_sent(request):
    """The page after sign-up, saying how to get the email again (signing
    in re-sends it, once per allauth's cooldown)."""
    return render(
        request, "account/verification_sent.html", {"resend_minutes": resend_minutes()}
    )


@require_http_methods(["GET", "HEAD"])
def recover_username_done(request):
    return render(request, "account/recover_username_done.html")


class LoginView(AllauthLoginView):
    """allauth's login, answering 429 (not 200) once failures hit the limit,
    with roughly how long to wait and the ways forward (the template)."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, LOCKED_OUT):
            response.status_code = 429
            response.context_data["lockout_minutes"] = lockout_minutes()
        return response


login = LoginView.as_view()


@require_POST
@login_required
def end_session(request, pk):
    sessions.end_session(request, pk)
    if not request.user.is_authenticated:
        return redirect("account_login")
    messages.success(request, gettext("That session is signed out."))
    return redirect("usersessions_list")
