from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Events of the network (round tables, conferences, workshops).

    The package is not called `events`: opensearch-py depends on the PyPI distribution
    `Events`, which owns the top-level module name `events`.
    """

    name = "meetings"
    verbose_name = "Events"
