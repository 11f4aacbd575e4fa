"""Create a local administrator account for development, once, and say how to log in."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = "Development only: create the local admin account if no superuser exists."

    def handle(self, *args, **options):
        if not getattr(settings, "DCAHT_ALLOW_LOCAL_ADMIN", False):
            raise CommandError("ensure_local_admin only runs with the development settings.")
        credentials = settings.BASE_DIR / "var" / "local-admin.txt"
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            if credentials.exists():
                self.stdout.write(f"Local admin account: {credentials.read_text().strip()}")
            else:
                self.stdout.write("An administrator account already exists.")
            return
        password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(USERNAME, f"{USERNAME}@localhost", password)
        credentials.parent.mkdir(parents=True, exist_ok=True)
        credentials.write_text(f"user name {USERNAME!r}, password {password!r}\n")
        credentials.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the local admin account: user name {USERNAME!r}, password {password!r} "
                f"(also kept in {credentials.relative_to(settings.BASE_DIR)})."
            )
        )
