from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext as _

from articles.models import DEFAULT_LANGUAGE, x_default_url

register = template.Library()


def updated_phrase(moment, now=None):
    """How a help center says when a text changed: "Updated this week"."""
    now = timezone.localtime(now or timezone.now())
    days = (now.date() - timezone.localtime(moment).date()).days
    if days <= 0:
        return _("Updated today")
    if days == 1:
        return _("Updated yesterday")
    if days < 7:
        return _("Updated this week")
    if days < 30:
        weeks = days // 7
        return ngettext(
            "Updated %(count)d week ago", "Updated %(count)d weeks ago", weeks
        ) % {"count": weeks}
    if days < 60:
        return _("Updated over a month ago")
    if days < 365:
        months = days // 30
        return ngettext(
            "Updated %(count)d month ago", "Updated %(count)d months ago", months
        ) % {"count": months}
    return _("Updated over a year ago")


@register.inclusion_tag("includes/updated.html")
def updated(moment):
    if not moment:
        return {}
    return {
        "moment": moment,
        # Whole seconds: HTML allows at most three fractional digits.
        "iso": timezone.localtime(moment).replace(microsecond=0).isoformat(),
        "phrase": updated_phrase(moment),
    }


@register.simple_tag
def lang_attr(obj):
    """` lang="en"` where `obj` is shown in the default language because it
    has no translation in the active one (WCAG 3.1.2), else nothing."""
    if obj.has_translation(get_language()):
        return ""
    return format_html(' lang="{}"', DEFAULT_LANGUAGE)


@register.inclusion_tag("includes/language_links.html", takes_context=True)
def language_links(context, alternates, languages=None):
    """`<link rel=alternate hreflang>` for each language, plus x-default."""
    request = context["request"]
    languages = languages or list(alternates)
    links = [
        (code, request.build_absolute_uri(alternates[code]))
        for code in languages
        if code in alternates
    ]
    default = alternates.get(DEFAULT_LANGUAGE)
    if default and DEFAULT_LANGUAGE in languages:
        links.append(("x-default", request.build_absolute_uri(x_default_url(default))))
    return {"links": links}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in every language, named in that language."""
    current = get_language()
    alternates = context.get("alternates", {})
    return {
        "languages": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": alternates.get(code),
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
            if alternates.get(code)
        ]
    }


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return context["request"].build_absolute_uri(path)
