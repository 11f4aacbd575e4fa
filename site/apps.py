from django.apps import AppConfig


class DcahtConfig(AppConfig):
    name = "dcaht"
    verbose_name = "Danube Cities Knowledge Hub"

    def ready(self):
        from . import (
            admin_input,  # noqa: F401 - keeps NUL out of string translations
            cache,  # noqa: F401 - connects the page cache's invalidation signals
            translation_state,  # noqa: F401 - records publications of pages and translations
            translator_mail,  # noqa: F401 - tells translators of new translations
        )
