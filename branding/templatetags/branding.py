"""The brand where no context processor runs (emails)."""

from django import template
from django.utils.translation import gettext

from ..models import current

register = template.Library()


@register.simple_tag
def site_name():
    return current().site_name()


@register.simple_tag
def team_signature():
    """The emails' closing line: the owner's team, or today's words."""
    name = current().name
    if not name:
        return gettext("The Help Center team")
    return gettext("The %(name)s team") % {"name": name}


@register.simple_tag(takes_context=True)
def logo_address(context):
    """The light logo's absolute address, or "" (no logo, or no request to
    say which host the reader knows)."""
    url = current().logo_url()
    request = context.get("request")
    if not url or request is None:
        return url if url.startswith(("http://", "https://")) else ""
    return request.build_absolute_uri(url)
