"""A reader's sessions (allauth.usersessions): the list allauth keeps, ending
one of them, and ending the others when the password or primary address
changes, since whoever stole either may be signed in elsewhere."""

from allauth.usersessions.internal.flows.sessions import (
    end_other_sessions,
    end_sessions,
)
from allauth.usersessions.models import UserSession
from django.shortcuts import get_object_or_404


def end_session(request, session_id):
    """End one of the signed-in reader's sessions (signing out if current)."""
    session = get_object_or_404(UserSession, pk=session_id, user=request.user)
    end_sessions(request, [session])


def end_others_on_change(sender, request, user, **kwargs):
    """Receiver: the password or primary address changed; end other sessions."""
    end_other_sessions(request, user)
