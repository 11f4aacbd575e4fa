"""Contributors and translators at work in Wagtail's admin, in a real browser."""

import re

from django.contrib.auth.models import Group

from wagtail.models import Locale, WorkflowState

from playwright.sync_api import expect

from practices.models import GoodPracticePage
from tests.e2e.browser import create_user, log_in, requires_chromium, screenshot

pytestmark = requires_chromium

LJUBLJANA = "ljubljana-memorandum-of-cooperation"


def practice(language_code: str) -> GoodPracticePage:
    return GoodPracticePage.objects.get(slug=LJUBLJANA, locale__language_code=language_code)


def test_contributor_edits_a_practice_and_submits_it_for_moderation(page, live_server):
    create_user("carla", Group.objects.get(name="Contributors"))
    english = practice("en")
    published_summary = english.summary
    new_summary = "Trained police contact persons and Society Ključ act together, within a day."

    log_in(page, live_server.url, "carla")
    page.goto(f"/admin/pages/{english.pk}/edit/")
    page.get_by_role("textbox", name="Summary", exact=True).fill(new_summary)
    actions = page.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    actions.get_by_role("button", name=re.compile(r"^Submit (to|for) ")).click()

    expect(page.locator(".messages")).to_contain_text("submitted", ignore_case=True)
    row = page.get_by_role("row").filter(has_text=english.title)
    expect(row).to_contain_text("in moderation", ignore_case=True)
    state = WorkflowState.objects.for_instance(english).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.revision.content["summary"] == new_summary
    english.refresh_from_db()
    assert english.summary == published_summary, "a contributor's change must wait for approval"
    screenshot(page, "contributor-submits")

    page.goto(f"/en/practices/{LJUBLJANA}/")
    expect(page.locator(".lead")).to_have_text(published_summary)


def test_translator_changes_a_segment_and_publishes_the_german_page(page, live_server):
    create_user("hanna", Group.objects.get(name="Translators: German"))
    english = practice("en")
    german = english.get_translation(Locale.objects.get(language_code="de"))
    new_text = "Die Gesellschaft Ključ und die Polizei arbeiten eng zusammen (neu übersetzt)."

    log_in(page, live_server.url, "hanna")
    page.goto(f"/admin/pages/{german.pk}/edit/")
    # wagtail-localize's editor (React) shows each segment in a list item: the source text,
    # its translation and an "Edit" button that turns the translation into a text box.
    segment = page.get_by_text(english.summary, exact=True).locator("xpath=ancestor::li[1]")
    segment.get_by_role("button", name="Edit").click()
    segment.get_by_role("textbox").fill(new_text)
    segment.get_by_role("button", name="Save").click()
    expect(segment.get_by_role("textbox")).to_have_count(0)
    expect(segment).to_contain_text(new_text)
    page.get_by_role("button", name="Publish in German").click()
    expect(page.locator(".messages")).to_contain_text("published", ignore_case=True)

    page.goto(f"/de/practices/{LJUBLJANA}/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator(".lead")).to_have_text(new_text)
    german.refresh_from_db()
    assert german.summary == new_text
    screenshot(page, "translator-publishes")
