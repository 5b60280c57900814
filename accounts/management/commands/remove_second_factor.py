import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.second_factor import remove_second_factor


class Command(BaseCommand):
    help = (
        "Remove the two-step sign-in of an account that lost its factors "
        "(logged); it signs in with its password alone, staff then enrol again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", default="", help="Why, for the log.")

    def handle(self, *args, username, reason, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No account has the username {username!r}.") from None
        removed = remove_second_factor(user, by=getpass.getuser(), reason=reason)
        if not removed:
            raise CommandError(f"{username!r} has no two-step sign-in to remove.")
        self.stdout.write(
            f"Two-step sign-in removed from {username!r}; its sessions ended."
        )
