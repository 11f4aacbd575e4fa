from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from dcaht.models import SHARED_ENTITIES

        from .reindex import record_deleted, record_deleting, record_saved

        for model in SHARED_ENTITIES:
            uid = f"reindex-{model.__name__}"
            post_save.connect(record_saved, sender=model, dispatch_uid=uid)
            pre_delete.connect(record_deleting, sender=model, dispatch_uid=uid)
            post_delete.connect(record_deleted, sender=model, dispatch_uid=uid)
