"""E-mails to translators: a translation into their language was started, or the original of
one of their translations changed. Sent in the background, each in the reader's admin
language, to the members of "Translators: <language>" who have not turned them off in their
account's notification preferences (`TranslationNotifications`)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from django_tasks import task

from .mail import message_to
from .roles import translator_group_name

logger = logging.getLogger(__name__)

STARTED = "started"
SOURCE_CHANGED = "source_changed"


def translators(locale: Locale, preference: str):
    """The active translators of `locale` with an address who want the e-mail `preference`."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=translator_group_name(locale.language_code))
        .exclude(email="")
        .filter(
            Q(translation_notifications__isnull=True)
            | Q(**{f"translation_notifications__{preference}": True})
        )
        .distinct()
    )


@task(backend="background")
def mail_translators(kind: str, page_ids: list[int]) -> int:
    """Tell the translators of each page's language that its translation was started
    (`STARTED`) or that its original changed (`SOURCE_CHANGED`); returns how many e-mails.

    A failing mail server is logged: what happened to the pages is already saved.
    """
    messages = []
    for page in Page.objects.filter(pk__in=page_ids).select_related("locale"):
        source = page.get_translation_or_none(Locale.get_default())
        context = {
            "page": page,
            "source": source,
            "language": page.locale.get_display_name(),
            "edit_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("wagtailadmin_pages:edit", args=[page.pk]),
        }
        messages.extend(
            message_to(user, f"dcaht/emails/translation_{kind}", context)
            for user in translators(page.locale, kind)
        )
    try:
        if messages:
            get_connection().send_messages(messages)
    except Exception:
        logger.exception("Could not e-mail the translators of pages %s", page_ids)
        return 0
    return len(messages)


@receiver(post_save, sender=Translation, dispatch_uid="translator-mail-started")
def translation_started(sender, instance, created, **kwargs):
    """Once the translation's page exists (wagtail-localize creates it after the record)."""
    if created and instance.enabled:
        transaction.on_commit(lambda: mail_started(instance))


def mail_started(translation: Translation) -> None:
    page = Page.objects.filter(
        translation_key=translation.source.object_id, locale_id=translation.target_locale_id
    ).first()
    if page is not None:
        mail_translators.enqueue(STARTED, [page.pk])


def mail_source_changed(source: Page) -> None:
    """Once the change of `source`'s text is saved: to the translators of each of its
    translations made with wagtail-localize."""
    translated = Translation.objects.filter(source__object_id=source.translation_key, enabled=True)
    pages = Page.objects.filter(
        translation_key=source.translation_key,
        alias_of__isnull=True,
        locale__in=translated.values("target_locale"),
    ).values_list("pk", flat=True)
    if page_ids := list(pages):
        transaction.on_commit(lambda: mail_translators.enqueue(SOURCE_CHANGED, page_ids))
