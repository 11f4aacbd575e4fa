"""Helpers shared by the test modules."""

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, env: dict[str, str] | None = None, timeout: int = 120):
    """Run `manage.py` in a fresh interpreter, as an operator would, and return the result."""
    full_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECRET_KEY", "ALLOWED_HOSTS"))
    }
    full_env.update(env or {})
    return subprocess.run(  # noqa: S603 - fixed interpreter and script, arguments from tests
        [sys.executable, str(REPO_ROOT / "manage.py"), *args],
        cwd=REPO_ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
