from django.conf import settings
from django.urls import translate_url


def site(request):
    """What every page's layout needs: the support address and this page in
    each language. Views whose URLs differ per language (articles and
    categories have translated slugs) pass their own `alternates`."""
    path = request.get_full_path()
    return {
        "SUPPORT_EMAIL": settings.SUPPORT_EMAIL,
        "DEFAULT_LANGUAGE": settings.LANGUAGE_CODE,
        "alternates": {
            code: translate_url(path, code) for code, _name in settings.LANGUAGES
        },
    }
