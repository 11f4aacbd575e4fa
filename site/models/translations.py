"""What the hub records about translations as they happen, so that every view tells the same
truth about a page's translation state (`dcaht.translation_state` reads them)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceChange(models.Model):
    """When the source-language text of a page last changed, for its translations: set on
    every publication of the source page except those its editor marked as minor changes."""

    translation_key = models.UUIDField(unique=True)
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.translation_key} changed {self.changed_at:%Y-%m-%d %H:%M}"


class MinorRevision(models.Model):
    """A revision its editor marked as a minor change (a typo, formatting): publishing it does
    not make the page's translations outdated."""

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )

    def __str__(self):
        return f"Minor change {self.revision_id}"


class PublishedTranslation(models.Model):
    """What the live translation of a page was made of when it was last published: how many
    of the source's segments it translated (by a person or a machine) out of how many, and
    the extraction of the source text it was translated from."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="published_translation",
    )
    segments = models.PositiveIntegerField()
    translated = models.PositiveIntegerField()
    machine_translated = models.PositiveIntegerField(default=0)
    source_extracted_at = models.DateTimeField()
    published_at = models.DateTimeField()

    def __str__(self):
        return f"{self.page_id}: {self.translated} of {self.segments}"


class TranslationNotifications(models.Model):
    """A translator's choice of e-mails about the translations of their language, set with
    Wagtail's other notification preferences in their account (both on by default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="translation_notifications",
    )
    started = models.BooleanField(
        _("Receive notification when a translation into my language is started"), default=True
    )
    source_changed = models.BooleanField(
        _("Receive notification when the original of a translation into my language changes"),
        default=True,
    )

    def __str__(self):
        return f"Translation notifications of {self.user}"
