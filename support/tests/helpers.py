"""Small builders for the support tests."""

from support.models import SupportRequest

SAME_ORIGIN = {"sec-fetch-site": "same-origin"}


def request_data(**changes):
    """A support form as a browser sends it after "Send"."""
    data = {
        "email": "marie@example.com",
        "subject": "Impossible de me connecter",
        "message": "J’ai réinitialisé mon mot de passe, rien n’y fait.",
        "article": "",
        "reason": "",
        "draft": "",
        "website": "",
        "step": "send",
    }
    data.update(changes)
    return data


def make_request(**fields):
    values = {
        "email": "marie@example.com",
        "subject": "Help",
        "message": "Something is wrong.",
        "language": "fr",
    }
    values.update(fields)
    return SupportRequest.objects.create(**values)
