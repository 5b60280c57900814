"""`{% page_part "name" arg=value %}`: a part of the page that is each
reader's own (helpcenter/page_parts.py)."""

from django import template

from .. import page_parts

register = template.Library()


@register.simple_tag(takes_context=True)
def page_part(context, name, **args):
    return page_parts.render(context["request"], name, args)
