from django.apps import AppConfig
from django.db.models.signals import post_save


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from .reindex import SHARED_MODELS, record_saved

        for model in SHARED_MODELS:
            post_save.connect(record_saved, sender=model, dispatch_uid=f"reindex-{model.__name__}")
