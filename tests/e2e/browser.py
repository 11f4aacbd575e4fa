"""Debian's Chromium for the end-to-end tests, and the helpers the journeys share.

The browser is Debian's `chromium` package (`scripts/browsers.sh` installs it), never one
downloaded by `playwright install`. The flags keep it off the network: this machine's network
is closed, and without them Chromium keeps trying to reach Google's services.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile

import pytest
from playwright.sync_api import Page, expect

from tests.utils import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
PASSWORD = "correct horse battery staple"  # noqa: S105 - a test user's password

requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} is missing: run scripts/browsers.sh (CI does) to install Debian's chromium",
)


def screenshot(page: Page, journey: str) -> None:
    """Full-page screenshots of the page shown, at phone and desktop widths, into
    test-artifacts/screenshots/<journey>-<width>.png; the viewport is put back afterwards."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    for name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        page.screenshot(path=SCREENSHOTS / f"{journey}-{name}.png", full_page=True)
    page.set_viewport_size(viewport)


def create_user(username: str, *groups: Group):
    """An admin user of these groups, whose admin interface is in English."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=username.capitalize()
    )
    user.groups.add(*groups)
    UserProfile.objects.create(user=user, preferred_language="en")
    return user


def log_in(page: Page, base_url: str, username: str) -> None:
    """Log in through Wagtail's login form, as a person would."""
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}/admin/")
