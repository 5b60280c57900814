from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.account import signals

        from .sessions import end_others_on_change

        for signal in (
            signals.password_changed,
            signals.password_set,
            signals.password_reset,
            signals.email_changed,
        ):
            signal.connect(end_others_on_change, dispatch_uid=f"end_others_{signal}")
