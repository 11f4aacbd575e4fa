import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings


class EnsureLocalAdminTests(TestCase):
    def test_refuses_outside_the_development_settings(self):
        with self.assertRaisesMessage(CommandError, "development settings"):
            call_command("ensure_local_admin")

        self.assertFalse(get_user_model().objects.exists())

    def test_creates_one_admin_once_and_prints_how_to_log_in(self):
        with (
            self.settings(BASE_DIR=self.tmp_dir()),
            override_settings(DCAHT_ALLOW_LOCAL_ADMIN=True),
        ):
            first, second = StringIO(), StringIO()
            call_command("ensure_local_admin", stdout=first)
            call_command("ensure_local_admin", stdout=second)

        user = get_user_model().objects.get()
        password = first.getvalue().split("password '")[1].split("'")[0]
        self.assertTrue(user.is_superuser)
        self.assertTrue(user.check_password(password))
        self.assertIn(password, second.getvalue())

    def tmp_dir(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        return Path(directory.name)
