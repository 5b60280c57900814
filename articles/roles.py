"""The Editors group: write and translate articles and categories, upload
the images they show; never
delete content or its history, never manage users. Other apps give the
group what it may do with theirs (read feedback, the search log) through
`editors_may`."""

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
    "add_image",
    "change_image",
    "view_image",
]


def editors_may(app_label, codenames):
    """A post_migrate receiver that creates the group, or gives it back
    `app_label`'s permissions `codenames`. Running after every `migrate`
    (like Django's own permissions), the group is there on a new database,
    after a test flush, and when permissions are added."""

    def ensure(**kwargs):
        group, _created = Group.objects.get_or_create(name=EDITORS)
        wanted = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        group.permissions.add(*wanted)

    return ensure


ensure_editors_group = editors_may("articles", EDITOR_PERMISSIONS)
