from django.apps import AppConfig


class DcahtConfig(AppConfig):
    name = "dcaht"
    verbose_name = "Danube Cities Knowledge Hub"
