import json
import subprocess
import sys
from http import HTTPStatus

from django.test import TestCase

from tests.utils import REPO_ROOT


class HealthCheckTests(TestCase):
    def test_healthz_answers_ok_when_the_database_answers(self):
        response = self.client.get("/healthz")

        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertEqual(response.json(), {"status": "ok", "database": "ok"})

    def test_healthz_needs_no_allowed_host(self):
        response = self.client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

        self.assertEqual(response.status_code, HTTPStatus.OK)


def test_healthz_answers_503_when_the_database_does_not_answer():
    """A real client request in a process whose DATABASE_URL points at a closed port."""
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(json.dumps([r.status_code, r.json()]))"
    )
    result = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "dcaht.settings.test",
            "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:9/none?connect_timeout=2",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    status, body = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == HTTPStatus.SERVICE_UNAVAILABLE
    assert body == {"status": "unavailable", "database": "unreachable"}
