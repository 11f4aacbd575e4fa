"""The interface (templates, forms, messages) in each language of the hub: every message of the
code translated in every language, with the placeholders the code fills in, so that a reader
never meets English in the middle of their language and no translation can break a page."""

import re
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase, TestCase
from django.utils import translation

import polib

CATALOGUES = Path(settings.LOCALE_PATHS[0])
TARGETS = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# What gettext's formatting and Django's {% blocktranslate %} fill in.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
# A page no language has a translation of in the demo content.
# The demo translates its event into no language.
EVENT = "events/round-table-vienna-2017/"
NOTICE = (
    "This page has not been translated into your language yet. It is shown in the original "
    "language."
)


def catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(CATALOGUES / code / "LC_MESSAGES" / "django.po"))


def forms(po: polib.POFile, entry: polib.POEntry) -> list[str]:
    """The translation of a message: each of the language's plural forms for a plural one."""
    if not entry.msgid_plural:
        return [entry.msgstr]
    plurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    return [entry.msgstr_plural.get(index, "") for index in range(plurals)]


class CatalogueTests(SimpleTestCase):
    def test_every_language_translates_every_message(self):
        # `make messages` writes the messages of the code into every catalogue alike.
        messages = {entry.msgid for entry in catalogue("de")}
        for code in TARGETS:
            with self.subTest(code):
                po = catalogue(code)
                self.assertEqual({entry.msgid for entry in po}, messages)
                untranslated = [
                    entry.msgid
                    for entry in po
                    if "fuzzy" in entry.flags or not all(text.strip() for text in forms(po, entry))
                ]
                self.assertEqual(untranslated, [])

    def test_a_translation_fills_in_only_what_the_code_gives(self):
        for code in TARGETS:
            po = catalogue(code)
            for entry in po:
                given = set(PLACEHOLDER.findall(f"{entry.msgid} {entry.msgid_plural}"))
                for text in forms(po, entry):
                    with self.subTest(code=code, msgid=entry.msgid[:40]):
                        # A singular form may write the count as a word ("one result").
                        self.assertLessEqual(set(PLACEHOLDER.findall(text)), given)


class ReaderLanguageTests(TestCase):
    def test_an_untranslated_page_tells_its_reader_so_in_their_language(self):
        for code in TARGETS:
            with self.subTest(code), translation.override(code):
                notice = translation.gettext(NOTICE)

                response = self.client.get(f"/{code}/{EVENT}")

                self.assertNotEqual(notice, NOTICE)
                self.assertContains(response, notice)
