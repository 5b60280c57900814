"""The Editors and Publishers groups. Editors write and translate articles
and categories, upload the images they show, and submit changes for review;
Publishers may also publish, schedule, archive and delete. Neither manages
users. A site that does not want review gives its editors both groups. Other
apps give the groups what they may do with theirs (read feedback, the search
log) through `editors_may`."""

from django.contrib.auth.models import Group, Permission

EDITORS = "Editors"
PUBLISHERS = "Publishers"
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
PUBLISHER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    "publish_article",
    "delete_article",
    "delete_category",
    "delete_image",
]


def _groups_may(group_names, app_label, codenames):
    """A post_migrate receiver that creates the groups, or gives them back
    `app_label`'s permissions `codenames`. Running after every `migrate`
    (like Django's own permissions), the groups are there on a new database,
    after a test flush, and when permissions are added."""

    def ensure(**kwargs):
        wanted = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        for name in group_names:
            group, _created = Group.objects.get_or_create(name=name)
            group.permissions.add(*wanted)

    return ensure


def editors_may(app_label, codenames):
    """Editors and publishers alike may use `app_label`'s `codenames`."""
    return _groups_may((EDITORS, PUBLISHERS), app_label, codenames)


ensure_editors_group = editors_may("articles", EDITOR_PERMISSIONS)
ensure_publishers_group = _groups_may((PUBLISHERS,), "articles", PUBLISHER_PERMISSIONS)
