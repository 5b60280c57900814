from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from articles.models import DEFAULT_LANGUAGE


def _same_page_in(path, language):
    """This page's URL in `language`, or that language's home page when the
    path is not one of ours (a 404, an unknown language prefix)."""
    try:
        resolve(urlsplit(path).path)
    except Resolver404:
        with translation.override(language):
            return reverse("articles:home")
    return translate_url(path, language)


def site(request):
    """What every page's layout needs: the support address and this page in
    each language. Views whose URLs differ per language (articles and
    categories have translated slugs) pass their own `alternates`."""
    path = request.get_full_path()
    return {
        "SUPPORT_EMAIL": settings.SUPPORT_EMAIL,
        "DEFAULT_LANGUAGE": DEFAULT_LANGUAGE,
        # Lazy: resolving and reversing per language is wasted where the
        # view passes its own.
        "alternates": SimpleLazyObject(
            lambda: {
                code: _same_page_in(path, code) for code, _name in settings.LANGUAGES
            }
        ),
    }
