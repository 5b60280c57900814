from django import template

from .. import overview
from ..models import Article

register = template.Library()


@register.inclusion_tag("admin/articles/overview.html", takes_context=True)
def help_center_overview(context):
    """The panels of the admin home, for those who may see articles."""
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return {"panels": []}
    return {"panels": overview.panels(), "opts": Article._meta}
