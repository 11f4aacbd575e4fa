"""axe-core on the main kinds of page, in English and in Slovenian, at phone and desktop widths:
no violation of impact "serious" or "critical"."""

from http import HTTPStatus

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.browser import VIEWPORTS, requires_chromium

pytestmark = requires_chromium

AXE = Axe()
PAGES = {
    "home": "/",
    "practices-filtered": "/practices/?country=si",
    "practice": "/practices/ljubljana-memorandum-of-cooperation/",
    "report": "/resources/round-table-vienna-2017-report/",
    "event": "/events/round-table-vienna-2017/",
    "search": "/search/?q=Ljubljana",
    "proposal-form": "/practices/propose/",
}
BLOCKING_IMPACTS = {"serious", "critical"}


def blocking_violations(page) -> list[str]:
    """axe's serious and critical violations on the page as shown, one line per element."""
    return [
        f"{violation['impact']} {violation['id']} ({violation['help']}): {node['target']}"
        f" {node.get('failureSummary', '')}"
        for violation in AXE.run(page).response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
        for node in violation["nodes"]
    ]


def violations_at_each_width(page) -> dict[str, list[str]]:
    found = {}
    for width, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        found[width] = blocking_violations(page)
    return {width: violations for width, violations in found.items() if violations}


@pytest.mark.parametrize("language", ["en", "sl"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_serious_accessibility_violation(page, language, path):
    response = page.goto(f"/{language}{path}")
    assert response.status == HTTPStatus.OK

    assert violations_at_each_width(page) == {}


@pytest.mark.parametrize("language", ["en", "sl"])
def test_open_language_menu_and_search_suggestions_have_no_serious_violation(page, language):
    page.goto(f"/{language}/")
    page.locator("nav.language-switcher summary").click()
    expect(page.locator("nav.language-switcher ul")).to_be_visible()
    page.locator("#site-search-q").press_sequentially("Ljub", delay=50)
    expect(page.get_by_role("listbox").get_by_role("option").first).to_be_visible()

    assert blocking_violations(page) == []
