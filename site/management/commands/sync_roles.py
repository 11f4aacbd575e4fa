"""Create or update the hub's groups and their permissions. Safe to run at every deployment."""

from django.core.management.base import BaseCommand

from dcaht.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update the hub's roles (Django groups) and their permissions."

    def handle(self, *args, **options):
        groups = sync_roles()
        if options["verbosity"] > 0:
            self.stdout.write(f"Roles up to date: {', '.join(group.name for group in groups)}.")
