"""The Editors group: write and translate articles and categories, read
feedback and searches; never delete content or its history, never manage
users."""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
# Codenames of this app's permissions.
EDITOR_PERMISSIONS = [
    "add_article",
    "change_article",
    "view_article",
    "add_category",
    "change_category",
    "view_category",
    "view_feedback",
    "view_searchquery",
]


def ensure_editors_group(**kwargs):
    """Create the group, or give it back its permissions. Runs after every
    `migrate` (post_migrate, like Django's own permissions), so it is there
    on a new database, after a test flush, and when permissions are added."""
    group, _created = Group.objects.get_or_create(name=EDITORS)
    wanted = Permission.objects.filter(
        content_type__app_label="articles",
        codename__in=EDITOR_PERMISSIONS,
    )
    group.permissions.add(*wanted)
