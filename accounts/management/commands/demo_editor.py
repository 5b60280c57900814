"""The demo's editor account and the banner `./dev demo` ends with.

Each run gives the `editor` account a new random password and prints it
once, with the demo's address and the admin's. It is for the demo only:
`migrate` never creates the account, and the command refuses to run with a
real DJANGO_SECRET_KEY (production settings)."""

import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from articles.roles import EDITORS, PUBLISHERS

USERNAME = "editor"
EMAIL = "editor@example.com"
DEMO_KEY_PREFIX = "django-insecure-"


def reset_demo_editor():
    """The demo editor, made or found, with a new random password: returns
    (user, password)."""
    user, _created = get_user_model().objects.get_or_create(
        username=USERNAME, defaults={"email": EMAIL}
    )
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.is_staff = True
    user.is_active = True
    user.save()
    # Both roles, so that a newcomer can try the whole editorial flow.
    user.groups.add(*Group.objects.filter(name__in=[EDITORS, PUBLISHERS]))
    EmailAddress.objects.update_or_create(
        user=user, email=EMAIL, defaults={"verified": True, "primary": True}
    )
    return user, password


class Command(BaseCommand):
    help = (
        "Demo only: give the 'editor' account a new random password and print "
        "the demo's banner (address, admin, editor's password)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, port, **options):
        if not settings.SECRET_KEY.startswith(DEMO_KEY_PREFIX):
            raise CommandError(
                "demo_editor is for the demo only: it refuses to run with a "
                "real DJANGO_SECRET_KEY."
            )
        _user, password = reset_demo_editor()
        address = f"http://127.0.0.1:{port}/"
        line = "-" * 64
        self.stdout.write(
            "\n".join(
                [
                    line,
                    f"  Help center:  {address}",
                    f"  Admin:        {address}admin/",
                    f"  Editor:       {USERNAME} / {password}",
                    "                (a new password on each ./dev demo; "
                    "shown only here)",
                    *(
                        []
                        if settings.STAFF_MFA_REQUIRED
                        else [
                            "  Two-step sign-in is not required of staff in the "
                            "demo (STAFF_MFA_REQUIRED=0)."
                        ]
                    ),
                    "  Stop with Ctrl+C.",
                    line,
                ]
            )
        )
