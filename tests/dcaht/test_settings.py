"""The production settings, exercised the way the Dockerfile and an operator use them."""

import pytest

from tests.utils import run_manage

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
