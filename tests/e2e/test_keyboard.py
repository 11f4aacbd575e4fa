"""The site with the keyboard only: skip link, filters, header search."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser import requires_chromium, screenshot

pytestmark = requires_chromium


def has_focus(target: Locator) -> bool:
    return target.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator, limit: int = 200) -> int:
    """Press Tab until `target` has the focus; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if has_focus(target):
            return presses
    pytest.fail(f"{limit} presses of Tab never reached {target}")


def test_skip_link_is_the_first_stop_and_moves_the_focus_to_main(page):
    page.goto("/en/practices/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box["y"] >= 0, "the skip link shows on the screen once focused"

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_filters_with_the_keyboard(page):
    page.goto("/en/practices/")
    heading = page.locator("#results-heading")
    expect(heading).not_to_have_text("1 practice")

    slovenia = page.get_by_role("group", name="Country").get_by_role("checkbox", name="Slovenia")
    tab_to(page, slovenia)
    page.keyboard.press("Space")
    expect(slovenia).to_be_checked()
    apply = page.get_by_role("button", name="Apply filters")
    tab_to(page, apply)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/en/practices/\?(.*&)?country=si(&|$)"))
    expect(heading).to_have_text("1 practice")
    expect(
        page.get_by_role("group", name="Country").get_by_role("checkbox", name="Slovenia")
    ).to_be_checked()
    screenshot(page, "keyboard-filters")


@pytest.mark.parametrize(
    ("origin", "path"),
    [("event", "/en/events/round-table-vienna-2017/"), ("search", "/en/search/?q=Ljubljana")],
)
def test_header_search_with_the_keyboard_from_any_page(page, origin, path):
    page.goto(path)
    search = page.get_by_role("banner").get_by_role("combobox", name="Search the hub")

    tab_to(page, search, limit=5)
    page.keyboard.press("ControlOrMeta+A")  # the search page shows its query in the box
    page.keyboard.type("Vienna")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/en/search/\?q=Vienna$"))
    expect(page.locator("#results-heading")).to_contain_text("for “Vienna”")
    expect(page.locator(".search-result").first).to_be_visible()
    screenshot(page, f"keyboard-search-from-{origin}")
