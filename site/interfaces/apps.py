from django.apps import AppConfig


class InterfacesConfig(AppConfig):
    """An app of its own so that its template tags (`seo_tags`) are found."""

    name = "dcaht.interfaces"
    label = "interfaces"
    verbose_name = "Open interfaces"
