"""The reader's own parts of every page's layout (templates/base.html): the
header's sign-in link or account menu, and the messages waiting for them
(helpcenter/page_parts.py)."""

from functools import lru_cache

from django.conf import settings
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.utils.translation import get_language

from . import page_parts


@lru_cache(maxsize=1000)
def _account_menu(language, username):
    # The menu names the reader and nothing else of theirs: the same for
    # every page they open in one language (kept per process).
    return render_to_string("includes/account_menu.html", {"name": username})


def _signed_in(request):
    # No user on error pages answered before authentication (a bad Host).
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


@page_parts.register("account", personal=_signed_in)
def account(request):
    if _signed_in(request):
        if settings.DEBUG:  # templates edited while the server runs
            _account_menu.cache_clear()
        return _account_menu(get_language(), request.user.get_username())
    return render_to_string("includes/sign_in_link.html")


@page_parts.register("messages", personal=lambda request: bool(get_messages(request)))
def messages(request):
    return render_to_string("includes/messages.html", request=request)
