"""The fields of the public read API (`dcaht.interfaces.api`): what each page type shows a reuser.

Page models list them in their `api_fields`. Each field is read-only and computed from the page,
so the API shows exactly these values, never a dump of a model: no contact people, no editors,
nothing that is not on the public page.

The shared entities (places, countries, themes, target groups, organisations) are shown in the
page's language: their translation, or the English record when there is none. What a field needs
is fetched for every page of the response at once (`SerializationBatch`), so a listing costs the
same number of queries for 3 pages as for 50.
"""

import re
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Model, Prefetch, Q, prefetch_related_objects
from django.utils import translation

from wagtail.api import APIField
from wagtail.api.utils import get_full_url
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from rest_framework.fields import Field

from dcaht.i18n import default_locale, written_language
from dcaht.models import Country, Organisation, Person, Place
from dcaht.privacy import public
from dcaht.translation_state import SOURCE, annotate_translation_status

LANGUAGE_ORDER = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}


class SerializationBatch:
    """The pages one API response shows, and what their fields share: the relations fetched
    for all of them together, the entities' translations and the pages' translations."""

    def __init__(self, pages: Iterable[Page], available_pages=None):
        self.pages = list(pages)
        # The pages a reader may see, to list translations from (live and public).
        self.available_pages = (
            available_pages if available_pages is not None else public(Page.objects.live())
        )
        self._prefetched: set[tuple[type, str]] = set()
        self._entities: dict[tuple[type, int], dict] = {}
        self._translations: dict | None = None
        self._states: dict[int, dict] | None = None

    def prefetch(self, page: Page, lookups: Iterable[str | Prefetch]) -> None:
        """Fetch `lookups` for every page of `page`'s type in the batch, once."""
        model = type(page)
        missing = [
            lookup
            for lookup in lookups
            if (model, getattr(lookup, "prefetch_to", lookup)) not in self._prefetched
        ]
        if not missing:
            return
        pages = [candidate for candidate in self.pages if type(candidate) is model]
        if not any(candidate is page for candidate in pages):
            pages.append(page)
        prefetch_related_objects(pages, *missing)
        self._prefetched.update(
            (model, getattr(lookup, "prefetch_to", lookup)) for lookup in missing
        )

    def localized(self, instance, locale_id: int):
        """A shared entity in the locale: its translation, else the record itself.

        Loads each model's records of a locale once (the entity tables are small).
        """
        if instance is None or instance.locale_id == locale_id:
            return instance
        key = (type(instance), locale_id)
        if key not in self._entities:
            self._entities[key] = {
                record.translation_key: record
                for record in type(instance).objects.filter(locale_id=locale_id)
            }
        return self._entities[key].get(instance.translation_key, instance)

    def pages_in_locale(self, page_ids: list[int], locale_id: int) -> dict[int, Page]:
        """Each linked page in the locale when it is available there, else in its own locale;
        left out when it is not live and public. One query."""
        if not page_ids:
            return {}
        candidates = list(
            self.available_pages.filter(
                translation_key__in=Page.objects.filter(pk__in=page_ids).values("translation_key")
            ).filter(Q(locale_id=locale_id) | Q(pk__in=page_ids))
        )
        in_locale = {c.translation_key: c for c in candidates if c.locale_id == locale_id}
        found = {}
        for linked in (c for c in candidates if c.pk in page_ids):
            found[linked.pk] = in_locale.get(linked.translation_key, linked)
        return found

    def translation_state(self, page: Page) -> dict | None:
        """The translation state of a page of another language than the source's (as
        `dcaht.translation_state` defines it), read for every page of the batch in one query."""
        if self._states is None or page.pk not in self._states:
            ids = {candidate.pk for candidate in self.pages} | {page.pk}
            rows = (
                annotate_translation_status(Page.objects.filter(pk__in=ids))
                .exclude(locale=default_locale())
                .values(
                    "pk",
                    "translation_status",
                    "source_changed_at",
                    "segments",
                    "translated_segments",
                    "machine_segments",
                )
            )
            self._states = {**(self._states or {}), **{row["pk"]: row for row in rows}}
        return self._states.get(page.pk)

    def translations(self, page: Page) -> list[Page]:
        """The page in the other locales (translations and aliases), live and public, in the
        order of LANGUAGES. One query for all the pages of the batch."""
        if self._translations is None or page.translation_key not in self._translations:
            keys = {candidate.translation_key for candidate in self.pages}
            keys.add(page.translation_key)
            found = {key: [] for key in keys}
            for candidate in self.available_pages.filter(translation_key__in=keys).select_related(
                "locale"
            ):
                found[candidate.translation_key].append(candidate)
            self._translations = {**(self._translations or {}), **found}
        return sorted(
            (other for other in self._translations[page.translation_key] if other.pk != page.pk),
            key=lambda other: LANGUAGE_ORDER.get(other.locale.language_code, len(LANGUAGE_ORDER)),
        )


def batch_for(context: dict, page: Page) -> SerializationBatch:
    """The batch the view prepared for this response, or one for this page alone."""
    batch = getattr(context.get("view"), "batch", None)
    if batch is None:
        batch = context.setdefault("_dcaht_batch", SerializationBatch([page]))
    return batch


class PageField(Field):
    """A read-only field computed from the whole page, in the page's language.

    Subclasses implement `represent(page, batch)` and name in `prefetch` the relations it reads
    through `.all()`, which the batch then fetches for every page of the response at once.
    """

    prefetch: tuple = ()

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        batch = batch_for(self.context, page)
        if self.prefetch:
            batch.prefetch(page, self.prefetch)
        with translation.override(page.locale.language_code):
            return self.represent(page, batch)

    def represent(self, page, batch: SerializationBatch):
        raise NotImplementedError


def choice(instance: Model, field_name: str) -> dict | None:
    """A choice as its stable code and its label in the active language; None when empty."""
    value = getattr(instance, field_name)
    if not value:
        return None
    return {"code": value, "label": str(getattr(instance, f"get_{field_name}_display")())}


def named(entity, batch: SerializationBatch, locale_id: int) -> dict:
    """A theme or target group: its name in the locale and its slug (the filter value)."""
    local = batch.localized(entity, locale_id)
    return {"name": local.name, "slug": entity.slug}


def country_data(country: Country, batch: SerializationBatch, locale_id: int) -> dict:
    return {"name": batch.localized(country, locale_id).name, "code": country.code}


def place_data(place: Place | None, batch: SerializationBatch, locale_id: int) -> dict | None:
    if place is None:
        return None
    local = batch.localized(place, locale_id)
    return {
        "name": local.name,
        "slug": place.slug,
        "kind": choice(place, "kind"),
        "latitude": float(place.latitude),
        "longitude": float(place.longitude),
        "country": country_data(place.country, batch, locale_id),
    }


def organisation_data(
    organisation: Organisation | None, batch: SerializationBatch, locale_id: int
) -> dict | None:
    if organisation is None:
        return None
    local = batch.localized(organisation, locale_id)
    return {
        "name": local.name,
        "acronym": organisation.acronym,
        "kind": choice(organisation, "kind"),
        "website": organisation.website,
    }


def page_link(page: Page | None, context: dict) -> dict | None:
    """Another page, as a reuser follows it: in the API and on the site."""
    if page is None:
        return None
    request = context["request"]
    detail_path = context["router"].get_object_detail_urlpath(Page, page.pk)
    return {
        "id": page.pk,
        "title": page.title,
        "detail_url": get_full_url(request, detail_path) if detail_path else None,
        "html_url": page.get_full_url(request),
    }


# A link or image address relative to the site's root, in HTML the API returns.
ROOT_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")/(?!/)')


def absolute_links(html: str, request) -> str:
    """HTML with its links and images made absolute, so it works on a partner's site too."""
    origin = request.build_absolute_uri("/")
    return ROOT_RELATIVE_URL.sub(lambda match: match.group(1) + origin, html)


def rich_text_html(value: str, request) -> str:
    """A rich text field as the HTML the site shows (links to pages and documents resolved)."""
    return absolute_links(expand_db_html(value), request) if value else ""


class TranslationsField(PageField):
    """The same page in the other languages, each with its address in the API and on the site.

    An alias is the page in a language it has not been translated into yet: it shows the
    content of the page it is an alias of.
    """

    def represent(self, page, batch):
        return [
            {
                "locale": other.locale.language_code,
                "alias": other.alias_of_id is not None,
                **page_link(other, self.context),
            }
            for other in batch.translations(page)
        ]


class TranslationStateField(PageField):
    """The truth about the page's translation: its state (`source`, `not_translated`,
    `in_translation`, `partly_translated`, `outdated`, `current`), the language its text is
    written in, and for a translation, when the source last changed and how much is translated
    (by a machine, not reviewed, included)."""

    def represent(self, page, batch):
        state = batch.translation_state(page)
        if state is None:
            return {"status": SOURCE, "written_in": written_language(page)}
        changed = state["source_changed_at"]
        return {
            "status": state["translation_status"],
            "written_in": written_language(page),
            "source_changed_at": changed.isoformat() if changed else None,
            "segments": state["segments"] or 0,
            "translated_segments": state["translated_segments"] or 0,
            "machine_translated_segments": state["machine_segments"] or 0,
        }


class RichTextHTMLField(PageField):
    """A rich text field of the page, rendered to HTML."""

    def __init__(self, field_name: str, **kwargs):
        self.page_field_name = field_name
        super().__init__(**kwargs)

    def represent(self, page, batch):
        return rich_text_html(getattr(page, self.page_field_name), self.context["request"])


class RenderedStreamField(PageField):
    """A StreamField rendered to HTML with its blocks' templates, as the page shows it."""

    def __init__(self, field_name: str, **kwargs):
        self.page_field_name = field_name
        super().__init__(**kwargs)

    def represent(self, page, batch):
        html = str(getattr(page, self.page_field_name).render_as_block())
        return absolute_links(html, self.context["request"])


class LabelledChoiceField(PageField):
    """A choice field of the page: `{"code": …, "label": …}` or null."""

    def __init__(self, field_name: str, **kwargs):
        self.page_field_name = field_name
        super().__init__(**kwargs)

    def represent(self, page, batch):
        return choice(page, self.page_field_name)


class ThemesField(PageField):
    prefetch = ("themes",)

    def represent(self, page, batch):
        return [named(theme, batch, page.locale_id) for theme in page.themes.all()]


class TargetGroupsField(PageField):
    prefetch = ("target_groups",)

    def represent(self, page, batch):
        return [named(group, batch, page.locale_id) for group in page.target_groups.all()]


class PlacesField(PageField):
    """A practice's places, each with its coordinates and country."""

    prefetch = (Prefetch("places", queryset=Place.objects.select_related("country")),)

    def represent(self, page, batch):
        return [place_data(place, batch, page.locale_id) for place in page.places.all()]


class PlaceField(PageField):
    """The one place of a place page, report or event, with its coordinates and country."""

    prefetch = ("place__country",)

    def represent(self, page, batch):
        if page.place_id is None:
            return None
        return place_data(page.place, batch, page.locale_id)


class IssuingBodyField(PageField):
    prefetch = ("issuing_body",)

    def represent(self, page, batch):
        return organisation_data(page.issuing_body, batch, page.locale_id)


class OrganisationRolesField(PageField):
    """The organisations behind a page, each with its role, from an inline relation."""

    def __init__(self, relation: str, **kwargs):
        self.relation = relation
        self.prefetch = (f"{relation}__organisation",)
        super().__init__(**kwargs)

    def represent(self, page, batch):
        return [
            {
                **organisation_data(link.organisation, batch, page.locale_id),
                "role": choice(link, "role"),
            }
            for link in getattr(page, self.relation).all()
        ]


class DocumentField(PageField):
    """The file to download: its title and its absolute address."""

    prefetch = ("document",)

    def represent(self, page, batch):
        document = page.document
        if document is None:
            return None
        return {
            "id": document.pk,
            "title": document.title,
            "url": self.context["request"].build_absolute_uri(document.url),
        }


class KeyMessagesField(PageField):
    def represent(self, page, batch):
        return [str(child.value) for child in page.key_messages]


class ContributionsField(PageField):
    """What was said at a round table: each subject, its summary, its speakers with their
    organisations, and the practice presented (in the report's language when translated)."""

    prefetch = (
        Prefetch("contributions__speakers", queryset=Person.objects.select_related("organisation")),
    )

    def represent(self, page, batch):
        contributions = list(page.contributions.all())
        practices = batch.pages_in_locale(
            [item.practice_id for item in contributions if item.practice_id], page.locale_id
        )
        return [
            {
                "title": item.title,
                "summary": rich_text_html(item.summary, self.context["request"]),
                "speakers": [
                    {
                        "name": person.name,
                        "organisation": organisation_data(
                            person.organisation, batch, page.locale_id
                        ),
                    }
                    for person in item.speakers.all()
                ],
                "practice": page_link(practices.get(item.practice_id), self.context),
            }
            for item in contributions
        ]


class ChaptersField(PageField):
    """A guideline's chapters, each with its heading, its anchor on the page and its HTML."""

    def represent(self, page, batch):
        return [
            {
                "heading": chapter["heading"],
                "anchor": chapter["anchor"],
                "html": absolute_links(
                    str(chapter["block"].value["text"]), self.context["request"]
                ),
            }
            for chapter in page.table_of_contents()
        ]


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


class EventStartField(PageField):
    """ISO 8601: a date and time with the venue's UTC offset, or a date when the time is not
    known (an all-day event)."""

    def represent(self, page, batch):
        return iso(page.start_date if page.is_all_day else page.start)


class EventEndField(PageField):
    """Like the start; the last day of an all-day event; null when a timed event gives no end."""

    def represent(self, page, batch):
        return iso(page.last_day if page.is_all_day else page.end)


class EventReportField(PageField):
    """The report written after the event, in the event's language when translated."""

    def represent(self, page, batch):
        if page.report_id is None:
            return None
        report = batch.pages_in_locale([page.report_id], page.locale_id).get(page.report_id)
        return page_link(report, self.context)


class AllDayField(PageField):
    def represent(self, page, batch):
        return page.is_all_day


# The fields of an index or home page: its summary and its introduction.
INTRODUCTION_API_FIELDS = [
    APIField("summary"),
    APIField("introduction", serializer=RichTextHTMLField("introduction")),
]
