"""Whether the background worker keeps up, for the admin dashboard.

In production, work that grows with the content (re-indexing every page that shows a renamed
theme) is queued in the database for `manage.py db_worker --backend background`. When no worker
runs, nothing fails where anyone sees it: search just keeps finding those pages by the old
name. The dashboard tells superusers when queued work has waited too long or failed.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from wagtail.admin.ui.components import Component

from django_tasks_db.models import DBTaskResult

BACKEND = "background"
QUEUED_BACKEND = "django_tasks_db.DatabaseBackend"
# A worker polls every second; work still waiting after this is not being run.
WAITING_TOO_LONG = timedelta(minutes=10)
FAILURES_SHOWN_FOR = timedelta(days=7)


@dataclass
class BackgroundWork:
    waiting: int
    waiting_since: datetime | None
    failed: int
    last_failure: DBTaskResult | None

    @property
    def needs_attention(self) -> bool:
        return bool(self.waiting or self.failed)


def background_work() -> BackgroundWork | None:
    """What is late or failed in the queue; None when the work is not queued (it then runs in
    the request that asks for it)."""
    if settings.TASKS[BACKEND]["BACKEND"] != QUEUED_BACKEND:
        return None
    now = timezone.now()
    results = DBTaskResult.objects.filter(backend_name=BACKEND)
    late = results.ready().filter(enqueued_at__lt=now - WAITING_TOO_LONG).order_by("enqueued_at")
    failed = results.failed().filter(finished_at__gte=now - FAILURES_SHOWN_FOR)
    oldest = late.first()
    return BackgroundWork(
        waiting=late.count(),
        waiting_since=oldest.enqueued_at if oldest else None,
        failed=failed.count(),
        last_failure=failed.order_by("-finished_at").first(),
    )


class BackgroundWorkPanel(Component):
    name = "background_work"
    template_name = "dcaht/home/background_work.html"
    order = 50  # First: until it is dealt with, search shows outdated names.

    def __init__(self, work: BackgroundWork):
        self.work = work

    def get_context_data(self, parent_context=None):
        return {"work": self.work}
