"""Helpers shared by the test modules."""

import os
import subprocess
import sys
from pathlib import Path

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

import polib

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


def translate(instance, language_code: str, translations: dict[str, str] | None = None):
    """Translate `instance` with wagtail-localize, as a translator would, and publish it.

    `translations` maps source strings to their translation; strings left out keep the source
    text. Returns the translated instance.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=language_code)
    )
    po = translation.export_po()
    for entry in po:
        if entry.msgid in (translations or {}):
            entry.msgstr = translations[entry.msgid]
    translation.import_po(polib.pofile(str(po)))
    translation.save_target(publish=True)
    return instance.get_translation(translation.target_locale)
