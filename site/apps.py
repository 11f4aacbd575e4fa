from django.apps import AppConfig


class DcahtConfig(AppConfig):
    name = "dcaht"
    verbose_name = "Danube Cities Knowledge Hub"

    def ready(self):
        from . import cache  # noqa: F401 - connects the page cache's invalidation signals
