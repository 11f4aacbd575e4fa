"""The hub's locales, created from `settings.LANGUAGES` (the one place languages are configured)."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import get_language, get_language_from_path

from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from .generation import remember
from .privacy import closed_pages

# The codes of the configured languages, in the order of `LANGUAGES`.
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


@transaction.atomic
def ensure_locales() -> list[Locale]:
    """Create a Locale per language; every other locale is kept in sync with the source.

    Synchronisation makes wagtail-localize create an alias of every published source page in
    each locale (`dcaht.translation_state`), so every page exists in every language, showing the
    source until a translation replaces it.
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


def active_locale() -> Locale:
    """The Locale of the active language, read once per process and generation
    (`Locale.get_active()` queries the database on every call)."""
    return remember(("active locale", get_language()), Locale.get_active)


def default_locale() -> Locale:
    """The source language's Locale, read once per process and generation."""
    return remember(("default locale",), Locale.get_default)


def all_locales() -> list[Locale]:
    """Every Locale, read once per process and generation."""
    return remember(("all locales",), lambda: list(Locale.objects.all()))


def locale_by_id(locale_id: int) -> Locale:
    """A Locale by its primary key, from memory."""
    by_id = remember(("locales by id",), lambda: {locale.pk: locale for locale in all_locales()})
    return by_id[locale_id]


def locale_of(instance: TranslatableMixin) -> Locale:
    """The Locale of a page or record, from memory (`instance.locale` is a query)."""
    return locale_by_id(instance.locale_id)


def entity_names(model: type[TranslatableMixin], key: str) -> dict[str, str]:
    """The name in the active language of every record of a shared entity (a theme, a
    place…), by its key in URLs (`slug`, `code`): the labels of filters and facets."""

    def names() -> dict[str, str]:
        records = list(model.objects.filter(locale=default_locale()))
        keys = [getattr(record, key) for record in records]
        return dict(zip(keys, localized_names(records, active_locale()), strict=True))

    return remember(("entity names", model._meta.label, key, get_language()), names)


class Localized(dict):
    """`localize_all`'s answer: `(model, pk)` → translation. Called with an instance (or
    None), it gives that instance's translation (or None)."""

    def __call__(self, instance: TranslatableMixin | None) -> Any:
        return None if instance is None else self[(type(instance), instance.pk)]


def public_translation(page, local: Localized):
    """What a link to `page` shows: `page` in the reader's language when that is live, else
    `page` itself when live (its translation is not published yet), else None (`page` is
    unpublished too, or private in every language). `local` is `localize_all`'s answer for
    `page` among others."""
    if page is None or closed_pages().holds(page.path, page.translation_key):
        return None
    for candidate in (local(page), page):
        if candidate is not None and candidate.live:
            return candidate
    return None


# A copy of a page whose translation was started but whose published text is still the
# source's, nothing of it translated yet (`dcaht.translation_state` records it at publication).
IN_TRANSLATION = Q(published_translation__translated=0, published_translation__segments__gt=0)
# A copy that shows the source language's text: an alias, or a translation not begun.
SHOWS_SOURCE = Q(alias_of__isnull=False) | IN_TRANSLATION


def written_copies(pages: QuerySet) -> QuerySet:
    """The pages among `pages` written in their own language (sources and translations)."""
    return pages.exclude(SHOWS_SOURCE)


def copies_in_translation() -> frozenset[int]:
    """The ids of the pages `IN_TRANSLATION`, read once per generation."""
    return remember(
        ("copies in translation",),
        lambda: frozenset(Page.objects.filter(IN_TRANSLATION).values_list("pk", flat=True)),
    )


def written_language(instance: TranslatableMixin) -> str:
    """The language an instance's text is written in: its locale's; for a page that shows the
    source (an alias, or a translation not begun), the source language's (wagtail-localize
    synchronises every locale from it: `ensure_locales`). From memory, without a query."""
    if isinstance(instance, Page) and (
        instance.alias_of_id is not None or instance.pk in copies_in_translation()
    ):
        return default_locale().language_code
    return locale_of(instance).language_code


def written_in(page_ids: Iterable[int]) -> dict[int, str]:
    """The language each page's text is written in (`written_language`), in one query."""
    pages = Page.objects.filter(pk__in=list(page_ids)).only("locale_id", "alias_of_id")
    return {page.pk: written_language(page) for page in pages}


def written_versions(translation_keys: Iterable) -> dict[str, list[str]]:
    """Translation key → the languages a live page is written in (its source and translations,
    not the copies that show the source), in the order of `LANGUAGES` (one query)."""
    versions = defaultdict(set)
    for key, locale_id in (
        written_copies(Page.objects.live())
        .filter(translation_key__in=set(translation_keys))
        .values_list("translation_key", "locale_id")
    ):
        versions[str(key)].add(locale_by_id(locale_id).language_code)
    return {
        key: [code for code in LANGUAGE_CODES if code in codes] for key, codes in versions.items()
    }


def localize_all(instances: Iterable[TranslatableMixin], locale: Locale | None = None) -> Localized:
    """Map each instance to its translation in `locale` (by default the active one), or to
    itself when it is not translated.

    One query per model, however many instances: listings use it instead of `.localized`,
    which would query once per instance. Keys are `(model, pk)`.
    """
    by_model: dict[type, list] = defaultdict(list)
    for instance in instances:
        by_model[type(instance)].append(instance)
    active = locale or active_locale()
    result = Localized()
    for model, objects in by_model.items():
        translations = {}
        if any(obj.locale_id != active.id for obj in objects):
            translations = {
                translation.translation_key: translation
                for translation in model.objects.filter(
                    locale=active, translation_key__in={obj.translation_key for obj in objects}
                )
            }
        for obj in objects:
            result[(model, obj.pk)] = translations.get(obj.translation_key, obj)
    return result


class RememberLanguageMiddleware:
    """Remember the language of the pages a visitor reads, so `/` sends them back to it.

    Django's LocaleMiddleware prefers the language cookie to the browser's Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = get_language_from_path(request.path_info)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class AdminLanguageMiddleware:
    """The admin in the user's chosen language (Wagtail's account preference), else in the
    source language: never in the language of the public pages read last, which Django's
    language cookie remembers for the public site."""

    prefix = "/admin/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(self.prefix):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)


class Name(str):
    """A record's name as a reader sees it, knowing the language it is written in (the
    reader's, or its source's where untranslated): for the `lang` of its element."""

    def __new__(cls, text: str, language: str):
        name = super().__new__(cls, text)
        name.language = language
        return name


def localized_names(instances, locale: Locale) -> list[Name]:
    """The names of `instances` in `locale` (their source names where untranslated).

    Read from per-generation memory: indexing thousands of pages asks no query per page.
    """
    names = []
    for instance in filter(None, instances):
        translated = None
        if instance.locale_id != locale.pk:
            translated = translated_names(type(instance), locale).get(instance.translation_key)
        if translated:
            names.append(Name(translated, locale.language_code))
        else:
            names.append(Name(str(instance), written_language(instance)))
    return names


def translated_names(model: type[TranslatableMixin], locale: Locale) -> dict:
    """translation key → name of every record of a model in one locale."""
    return remember(
        ("translated names", model._meta.label, locale.pk),
        lambda: {
            record.translation_key: str(record) for record in model.objects.filter(locale=locale)
        },
    )
