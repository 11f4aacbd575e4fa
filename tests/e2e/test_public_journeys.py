"""A reader's journeys through the public site, in a real browser."""

import re

from playwright.sync_api import expect

from tests.e2e.browser import VIEWPORTS, requires_chromium, screenshot

pytestmark = requires_chromium

LJUBLJANA = "/practices/ljubljana-memorandum-of-cooperation/"
ENGLISH_TITLE = "Ljubljana – Memorandum of Cooperation between civil society and law enforcement"
SLOVENIAN_TITLE = "Ljubljana – Memorandum o sodelovanju med civilno družbo in organi pregona"


def test_home_page_to_a_practice_through_the_filters(page):
    page.goto("/en/")
    page.get_by_role("link", name="All good practices").click()
    expect(page).to_have_url(re.compile(r"/en/practices/$"))

    page.get_by_role("group", name="Country").get_by_role("checkbox", name="Slovenia").check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"/en/practices/\?(.*&)?country=si(&|$)"))
    results = page.get_by_role("region", name="1 practice")
    expect(results.get_by_role("article")).to_have_count(1)
    results.get_by_role("link", name=ENGLISH_TITLE).click()

    expect(page).to_have_url(re.compile(f"/en{LJUBLJANA}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ENGLISH_TITLE)
    expect(page.get_by_role("complementary", name="Key facts")).to_contain_text("Ljubljana")
    screenshot(page, "filters-to-practice")


def test_on_a_phone_the_filters_fold_so_that_the_results_come_first(page):
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto("/en/practices/")
    slovenia = page.get_by_role("group", name="Country").get_by_role("checkbox", name="Slovenia")
    toggle = page.locator("summary", has_text="Filter practices")

    expect(slovenia).to_be_hidden()
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ practices$"))).to_be_in_viewport()

    toggle.click()
    slovenia.check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"/en/practices/\?(.*&)?country=si(&|$)"))
    expect(slovenia).to_be_hidden()
    expect(toggle).to_contain_text("(1)")
    expect(page.get_by_role("heading", name="1 practice")).to_be_in_viewport()
    screenshot(page, "phone-filters")


def test_language_switcher_goes_to_the_slovenian_practice_and_back(page):
    page.goto(f"/en{LJUBLJANA}")
    # The menu's name is in the page's language ("Languages", "Jeziki"); its links are not.
    languages = page.locator("nav.language-switcher")

    languages.locator("summary").click()
    languages.get_by_role("link", name="Slovenščina").click()

    expect(page).to_have_url(re.compile(f"/sl{LJUBLJANA}$"))
    expect(page.locator("html")).to_have_attribute("lang", "sl")
    expect(page.get_by_role("heading", level=1)).to_have_text(SLOVENIAN_TITLE)
    expect(page.locator(".lead")).to_contain_text("Društvo Ključ")
    screenshot(page, "language-switcher-slovenian")

    languages.locator("summary").click()
    languages.get_by_role("link", name="English").click()

    expect(page).to_have_url(re.compile(f"/en{LJUBLJANA}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ENGLISH_TITLE)
    screenshot(page, "language-switcher")


def test_search_suggestion_chosen_with_the_keyboard_opens_its_page(page):
    page.goto("/en/")
    search = page.get_by_role("banner").get_by_role("combobox", name="Search the hub")

    search.press_sequentially("Ljub", delay=50)
    listbox = page.get_by_role("listbox")
    first = listbox.get_by_role("option").first
    expect(first).to_contain_text("Ljubljana")
    title = first.locator("span").inner_text()
    search.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(search).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    search.press("Enter")

    expect(page).not_to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    screenshot(page, "search-autocomplete")


def test_the_main_menu_is_in_the_readers_language_on_every_home_page(page):
    english = ["Good practices", "Places", "Resources", "Events"]
    for language in ("hu", "uk", "sr"):
        page.goto(f"/{language}/")
        menu = page.locator("nav.main-nav")
        items = [text.strip() for text in menu.get_by_role("link").all_inner_texts()]

        assert len(items) >= len(english), (language, items)
        assert not set(items) & set(english), (language, items)
        expect(menu.locator("[lang]")).to_have_count(0)
