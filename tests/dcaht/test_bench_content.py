"""The benchmark's synthetic content: practices that work like an editor's, written in the
words of the demo content, and a second run that adds nothing."""

import os
import re
import subprocess
from http import HTTPStatus
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import TestCase

from wagtail.models import Page

from dcaht.models import BasePage
from practices.models import GoodPracticePage
from tests.utils import REPO_ROOT


def words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+", text.lower()))


class BenchContentTests(TestCase):
    def generate(self, practices):
        call_command(
            "generate_bench_content",
            practices=practices,
            places=4,
            organisations=3,
            translate="de",
            stdout=StringIO(),
        )

    def synthetic(self, language_code):
        return GoodPracticePage.objects.live().filter(
            slug__startswith="bench-", locale__language_code=language_code
        )

    def test_practices_are_listed_filtered_and_shown_like_real_ones(self):
        self.generate(10)
        practices = self.synthetic("en")
        self.assertEqual(practices.count(), 10)
        self.assertEqual(self.synthetic("de").count(), 2)  # one in five translated
        practice = practices.order_by("pk").first()
        self.assertEqual(practice.places.count(), 1)
        self.assertEqual(practice.themes.count(), 2)
        response = self.client.get(practice.url)
        self.assertEqual(response.status_code, HTTPStatus.OK)
        self.assertContains(response, practice.title)
        theme = practice.themes.first()
        listing = self.client.get(practice.get_parent().url, {"theme": theme.slug, "page": 1})
        self.assertEqual(listing.status_code, HTTPStatus.OK)
        with_theme = GoodPracticePage.objects.live().filter(locale=practice.locale, themes=theme)
        self.assertEqual(listing.context["result_count"], with_theme.count())
        self.assertContains(listing, practice.title)

    def test_text_is_made_of_the_demo_contents_words(self):
        vocabulary = set()
        for page in Page.objects.live().filter(locale__language_code="en").specific():
            if isinstance(page, BasePage):
                vocabulary |= words(f"{page.search_title()} {page.search_content()}")
        self.generate(10)
        used = set()
        for practice in self.synthetic("en"):
            used |= words(practice.summary)
        self.assertTrue(used)
        self.assertLessEqual(used, vocabulary)
        # Drawn by frequency: the report's most common words are in almost every summary.
        self.assertIn("trafficking", used)

    def test_a_second_run_adds_nothing(self):
        self.generate(5)
        self.generate(5)
        self.assertEqual(self.synthetic("en").count(), 5)

    def test_bad_arguments_are_refused_before_anything_is_written(self):
        for arguments, message in [
            (["--places", "0"], "'0' is not a whole number from 1 to 1000000"),
            (["--practices", "-5"], "'-5' is not a whole number from 1 to 1000000"),
            (["--organisations", "many"], "'many' is not a whole number from 1 to 1000000"),
            # A typo's zeros: days of work, or a number beyond the database's integers.
            (["--practices", "10000000"], "'10000000' is not a whole number from 1 to 1000000"),
            (["--practices", "9" * 30], f"'{'9' * 30}' is not a whole number from 1 to 1000000"),
            (["--practices", "5", "--translate", "de,xx"], "No locale for xx"),
        ]:
            with self.subTest(arguments=arguments):
                with self.assertRaisesMessage(CommandError, message):
                    call_command("generate_bench_content", *arguments, stdout=StringIO())
                self.assertFalse(Page.objects.filter(slug__startswith="bench-").exists())


def refusal(*arguments, **environment) -> list[str]:
    """What bench/run.sh says when it stops at once, having started nothing."""
    finished = subprocess.run(  # noqa: S603 - the repository's script, arguments from here
        ["/bin/bash", "bench/run.sh", *arguments],
        cwd=REPO_ROOT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert finished.returncode == 1
    assert finished.stdout == ""
    return finished.stderr.splitlines()


def test_the_benchmark_refuses_a_scale_it_cannot_build_before_doing_anything():
    """Its scale names a database: refused at once, before any install or service starts."""
    for scale in ("1e4", "0", "1000001", 'x"; DROP DATABASE dcaht; --'):
        assert refusal(scale) == [
            f"[bench] ERROR: PRACTICES is a whole number from 1 to 1000000, not '{scale}'"
        ]


def test_the_benchmark_refuses_settings_it_cannot_run_with_before_doing_anything():
    """A typo in its settings stopped it only after it had built and indexed its content."""
    for name, value, message in [
        ("WEB_CONCURRENCY", "0", "WEB_CONCURRENCY is a number of workers from 1 to 99, not '0'"),
        ("WEB_CONCURRENCY", "three", "WEB_CONCURRENCY is a number of workers from 1 to 99"),
        ("WEB_CONCURRENCY", "100", "WEB_CONCURRENCY is a number of workers from 1 to 99"),
        ("BENCH_ROUNDS", "-1", "BENCH_ROUNDS is a number of rounds from 1 to 99, not '-1'"),
        ("BENCH_CONNECTIONS", "4x", "BENCH_CONNECTIONS is a number of connections from 1 to 999"),
        ("BENCH_DURATION", "5 s", "BENCH_DURATION is a duration such as 5s or 1m, not '5 s'"),
        ("BENCH_DURATION", "0s", "BENCH_DURATION is a duration such as 5s or 1m, not '0s'"),
        ("BENCH_WARMUP", "1d", "BENCH_WARMUP is a duration such as 5s or 1m, not '1d'"),
    ]:
        said = refusal("10", **{name: value})
        assert len(said) == 1, said
        assert said[0].startswith(f"[bench] ERROR: {message}"), said
