"""Helpers shared by the test modules."""

import html
import os
import re
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
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
    if not isinstance(instance, Page):
        translation.save_target(publish=True)
        return instance.get_translation(translation.target_locale)
    # Saved, then published now: for a page, `save_target(publish=True)` publishes when the
    # transaction commits, which a test's never does.
    translation.save_target(publish=False)
    translated = instance.get_translation(translation.target_locale)
    translated.get_latest_revision().publish()
    return translated


def convert_to_alias(page, *languages):
    """Turn `page`'s translations into `languages` back into aliases of it, as an editor does in
    the admin: those languages show its text untranslated again (the demo translates it into
    every language)."""
    user, _created = get_user_model().objects.get_or_create(
        username="editor", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    for language in languages:
        copy = page.get_translation(Locale.objects.get(language_code=language))
        response = client.post(reverse("wagtail_localize:convert_to_alias", args=[copy.pk]))
        assert response.status_code == HTTPStatus.FOUND, response.status_code
        assert Page.objects.get(pk=copy.pk).alias_of_id == page.pk


CARD_LINK = re.compile(r'<h3 class="card__title"><a href="([^"]*)">(.*?)</a></h3>')


def card_links(cards) -> list[tuple[str, str]]:
    """(address, title) of each card of a listing whose cards are HTML, in order."""
    return [
        (html.unescape(url), html.unescape(title))
        for card in cards
        for url, title in CARD_LINK.findall(card)
    ]


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF showing `text` in Helvetica: enough for a PDF reader to extract it."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return pdf


def rebuild_search_index() -> None:
    """Make OpenSearch match the database again.

    Tests roll back their database changes, but not what they sent to OpenSearch (a test that
    unpublishes a page leaves it unpublished in the index). Search tests start from a rebuilt
    index; the database back end's index is rolled back with the rest and needs nothing.
    """
    backend = get_search_backend("default")
    if hasattr(backend, "es"):
        call_command("update_index", backend_name="default", verbosity=0)
