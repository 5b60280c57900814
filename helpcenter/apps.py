from django.apps import AppConfig


class HelpCenterConfig(AppConfig):
    name = "helpcenter"

    def ready(self):
        # Parts are spliced into cached pages before any template is loaded.
        from . import layout_parts  # noqa: F401
