"""The production settings, exercised the way the Dockerfile and an operator use them."""

import os
import subprocess

import pytest

from tests.utils import REPO_ROOT, run_manage

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "dcaht.settings.production",
    "SECRET_KEY": "x9!Kq2#vLm7@Rt4$Wp8^Zs1&Yd6*Hf3(Jb5)Nc0-Gg2+Ee7=Aa9_Uu4~Oo1",
    "ALLOWED_HOSTS": "hub.example.org",
}


def test_production_check_deploy_prints_no_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_setting(missing):
    env = {key: value for key, value in PRODUCTION.items() if key != missing}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    # The reason is the last thing the operator reads.
    assert f"{missing} is not set" in result.stderr.strip().splitlines()[-1]


def test_collectstatic_succeeds_with_production_settings(tmp_path):
    """The Dockerfile's build step: compressed, hashed static files for whitenoise."""
    env = {**PRODUCTION, "STATIC_ROOT": str(tmp_path)}

    result = run_manage("collectstatic", "--noinput", env=env)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("css/hub.*.css.gz"))


def background_backend(env):
    script = "from django.conf import settings; print(settings.TASKS['background']['BACKEND'])"
    return run_manage("shell", "-c", script, env=env)


def test_production_queues_background_tasks_for_the_worker_unless_told_otherwise():
    queued = background_backend(PRODUCTION)
    immediate = background_backend({**PRODUCTION, "BACKGROUND_TASKS": "immediate"})

    assert queued.stdout.strip().splitlines()[-1] == "django_tasks_db.DatabaseBackend"
    assert immediate.stdout.strip().splitlines()[-1].endswith("ImmediateBackend")


def test_an_unknown_background_task_backend_is_refused_with_the_choices():
    result = background_backend({**PRODUCTION, "BACKGROUND_TASKS": "celery"})

    assert result.returncode != 0
    assert (
        "BACKGROUND_TASKS is 'celery'; it must be one of: immediate, database."
        in (result.stderr.strip().splitlines()[-1])
    )


@pytest.mark.parametrize(
    ("setting", "value", "accepted"),
    [
        ("PAGE_CACHE_SECONDS", "ten", "a whole number of 0 or more"),
        ("TRUSTED_PROXY_COUNT", "-1", "a whole number of 0 or more"),
        ("SECURE_HSTS_SECONDS", "1e6", "a whole number of 0 or more"),
        ("EMAIL_PORT", "70000", "a whole number from 1 to 65535"),
    ],
)
def test_a_number_setting_that_is_not_a_number_is_refused_by_name(setting, value, accepted):
    result = run_manage("check", env={**PRODUCTION, setting: value})

    assert result.returncode != 0
    assert (
        f"{setting} is '{value}'; it must be {accepted}." in result.stderr.strip().splitlines()[-1]
    )


def test_a_number_setting_is_read_from_the_environment():
    script = "from django.conf import settings; print(settings.PAGE_CACHE_SECONDS)"

    result = run_manage("shell", "-c", script, env={**PRODUCTION, "PAGE_CACHE_SECONDS": " 30 "})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "30"


@pytest.mark.parametrize(
    ("setting", "value", "accepted"),
    [
        ("PORT", "http", "a port number from 1 to 65535"),
        ("PORT", "65536", "a port number from 1 to 65535"),
        ("WEB_CONCURRENCY", "0", "a number of workers from 1 to 99"),
        ("PUBLISH_SCHEDULED_INTERVAL", "1m", "a number of seconds, 1 or more"),
    ],
)
def test_the_container_refuses_a_wrong_setting_before_it_runs_anything(
    tmp_path, setting, value, accepted
):
    """A word for the interval made its loop run `publish_scheduled` without pause."""
    ran = tmp_path / "ran"
    for command in ("python", "gunicorn"):  # Stand-ins, which say when they are run.
        stand_in = tmp_path / command
        stand_in.write_text(f'#!/bin/sh\necho {command} "$@" >> "{ran}"\n')
        stand_in.chmod(0o755)
    checked = {"PORT", "WEB_CONCURRENCY", "PUBLISH_SCHEDULED_INTERVAL"}
    environment = {name: text for name, text in os.environ.items() if name not in checked}

    finished = subprocess.run(  # noqa: S603 - the repository's script, settings from here
        ["/bin/bash", "scripts/docker-entrypoint.sh"],
        cwd=REPO_ROOT,
        env={**environment, "PATH": f"{tmp_path}:/usr/bin:/bin", setting: value},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert finished.returncode == 1
    assert finished.stderr.splitlines() == [
        f"[dcaht] ERROR: {setting} is {accepted}, not '{value}'"
    ]
    assert not ran.exists()
