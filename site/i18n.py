"""The hub's locales, created from `settings.LANGUAGES` (the one place languages are configured)."""

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree


@transaction.atomic
def ensure_locales() -> list[Locale]:
    """Create a Locale per language; every other locale is kept in sync with the source.

    Synchronisation makes wagtail-localize create an alias of every source page in each locale,
    so every page exists in every language, showing the source until a translation replaces it.
    """
    source, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    locales = [source]
    for code, _name in settings.LANGUAGES:
        if code == source.language_code:
            continue
        locale, _ = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})
        locales.append(locale)
    return locales


def synchronize_locales() -> None:
    """Create the aliases that are missing in any synchronised locale."""
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronize_tree(sync.sync_from, sync.locale)
