from django.utils.functional import SimpleLazyObject

from .models import current


def brand(request):
    """The brand for every page, and its support address where templates
    (and other apps' tags) have always read it."""
    found = SimpleLazyObject(current)
    return {
        "brand": found,
        "SUPPORT_EMAIL": SimpleLazyObject(lambda: found.support_address()),
    }
