"""The abstract page every page type of the hub extends, and what a page type declares of
itself for the hub's mechanisms: its facets, its feeds, its schema.org data."""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from dcaht.facets import SEARCH_FACETS, Facet, held_values
from dcaht.i18n import LANGUAGE_CODES, default_locale
from dcaht.privacy import view_restrictions
from dcaht.roles import HubPagePermissionTester
from dcaht.search_config import language_mapping
from dcaht.translation_state import translation_state

from .translations import MinorRevision


@dataclass(frozen=True)
class PageFeed:
    """A feed an index page describes and announces (`BasePage.feeds`): at
    `/<lang>/feeds/<name>.atom` and `.rss`, the newest live pages of the type `model` ("app.Model",
    its subclasses included), or, without a model, of every type listed `in_site_feed`."""

    name: str
    model: str | None = None


class HubPageForm(WagtailAdminPageForm):
    """The page editor, with the source-language editor's choice to leave translations as they
    are: a typo fixed or formatting changed does not make every translation outdated."""

    minor_change = forms.BooleanField(
        label=_("Minor change"),
        required=False,
        help_text=_(
            "A typo or formatting only: the page's translations stay up to date. "
            "Leave unticked when the text's meaning changes."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # New pages and translations have no translations of their own to keep.
        if self.instance.pk is None or self.instance.locale_id != default_locale().pk:
            del self.fields["minor_change"]

    def save(self, commit=True):
        page = super().save(commit=commit)
        page.minor_change = self.cleaned_data.get("minor_change", False)
        return page


class BasePage(Page):
    """A translatable page with a short summary for listings, search and link previews.

    Slugs are synchronised, not translated: a page keeps one recognisable URL path in every
    language (`/en/practices/vienna-…/`, `/sl/practices/vienna-…/`), so links can be shared
    across the network whatever the reader's language.
    """

    # What a search result shows of the page's date: "day" (`result_day`), "year" (the value of
    # its "year" facet: when a resource was issued, not when the hub published it), or "".
    search_result_date = "day"

    # What the page type declares of itself (docs/architecture.md lists these hooks). Its
    # facets: the listings of its index page, the search page and the API filter by them.
    facets: tuple[Facet, ...] = ()
    # The feeds an index page describes (its section's), and whether the type's pages are
    # in the hub's own feed.
    feeds: tuple[PageFeed, ...] = ()
    in_site_feed = False
    # Open Graph's `og:type`: "article" for the hub's articles (practices, resources).
    open_graph_type = "website"

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences, shown in listings, search results and link previews."),
    )

    base_form_class = HubPageForm
    content_panels = [*Page.content_panels, FieldPanel("summary")]
    settings_panels = [*Page.settings_panels, FieldPanel("minor_change")]
    search_fields = [
        *Page.search_fields,
        # The page's title and all its text, in the fields of its own language only, which
        # OpenSearch analyses with that language's analyzer (see dcaht.search_config); the
        # database back end indexes them as plain text.
        *(
            index.SearchField(f"search_title_{code}", boost=3, es_extra=language_mapping(code))
            for code in LANGUAGE_CODES
        ),
        *(
            index.SearchField(
                f"search_content_{code}", es_extra=language_mapping(code, highlighted=True)
            )
            for code in LANGUAGE_CODES
        ),
        # What the search page filters, counts and sorts by, on OpenSearch (search.engines).
        index.FilterField("search_facets"),
        index.FilterField("search_day", type="DateField"),
    ]

    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("show_in_menus"),
        TranslatableField("summary"),
    ]

    # The linked records `extra_search_text` reads, fetched in bulk when the index is rebuilt.
    search_select_related: tuple[str, ...] = ()
    search_prefetch_related: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .select_related("locale", *cls.search_select_related)
            .prefetch_related(*cls.search_prefetch_related)
        )

    def save_revision(self, *args, **kwargs):
        revision = super().save_revision(*args, **kwargs)
        if getattr(self, "minor_change", False):
            MinorRevision.objects.create(revision=revision)
        return revision

    def permissions_for_user(self, user):
        return HubPagePermissionTester(user, self)

    def get_view_restrictions(self):
        # A restriction on any language's copy of the page or of an ancestor (dcaht.privacy).
        return view_restrictions(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["translation_state"] = translation_state(self)
        return context

    def search_title(self) -> str:
        return self.title

    def search_content(self) -> str:
        """All the page's readable text, for search: its own fields, then `extra_search_text`."""
        parts = [self.summary]
        for field in self._meta.get_fields():
            if isinstance(field, RichTextField | StreamField):
                parts.extend(field.get_searchable_content(getattr(self, field.name)))
        parts.extend(self.extra_search_text())
        return "\n".join(part for part in parts if part)

    def extra_search_text(self) -> list[str]:
        """Text that is not in the page's own fields (names of linked records, documents)."""
        return []

    @classmethod
    def facets_named(cls, *params: str) -> tuple[Facet, ...]:
        """The type's declared facets of these parameters, in that order (what a listing
        shows)."""
        declared = {facet.param: facet for facet in cls.facets}
        return tuple(declared[param] for param in params)

    def facet_values(self) -> dict[str, list[str]]:
        """The values this page holds of the search page's facets besides its type: "theme"
        (slugs), "place" (slugs), "country" (codes), "year", read through its declared
        lookups. `search.facts` reads the same from the database for thousands of pages at
        once (a test holds the two equal)."""
        return {
            facet.param: held_values(self, facet.lookup)
            for facet in self.facets
            if facet.param in SEARCH_FACETS
        }

    def search_facets(self) -> list[str]:
        """The page's facet values as OpenSearch filters and counts them: "facet:value"."""
        held = {"type": [self._meta.model_name], **self.facet_values()}
        return sorted({f"{facet}:{value}" for facet, values in held.items() for value in values})

    def search_day(self) -> date | None:
        """What the index holds of `result_day`. Defined here only: OpenSearch names a field
        after the model defining its method, so an override in a page type would fill a field
        of that type's own, which the search does not read."""
        return self.result_day()

    def result_day(self) -> date | None:
        """The date a search result sorts by ("latest first") and, for a page type whose
        `search_result_date` is "day", shows: by default, the first publication."""
        return self.first_published_at.date() if self.first_published_at else None

    @classmethod
    def result_days(cls, pages: PageQuerySet) -> dict[int, date | None]:
        """`result_day` of this type's pages among `pages`, in one query: a type defining its
        own `result_day` defines this too, which the database engine's search reads in bulk
        (`search.facts`) for the pages of this type and its subclasses."""
        return {}

    def structured_data(self, request, image: dict | None) -> list[dict]:
        """The schema.org objects describing the page (`dcaht.schema_org`), each for its own
        JSON-LD script; `image` is its link-preview image, if any."""
        return []

    @property
    def description(self) -> str:
        """The text for `<meta name=description>`: the editor's, else the summary."""
        return self.search_description or self.summary


def own_language_text(language_code: str, source: str):
    """A page method giving the page's `source` text when the page is in `language_code`, and
    an empty text otherwise: what the search field of that language indexes. (Not None: the
    database back end indexes None as the word "None".)"""

    def text(page: BasePage) -> str:
        # The locale is read with the pages indexed in bulk (`get_indexed_objects`).
        if page.locale.language_code != language_code:
            return ""
        return getattr(page, source)()

    text.__name__ = text.__qualname__ = f"{source}_{language_code}"
    return text


def add_own_language_texts(model: type[BasePage]) -> None:
    """The methods the search fields of each language read (`search_content_de`, …)."""
    for code in LANGUAGE_CODES:
        for source in ("search_title", "search_content"):
            setattr(model, f"{source}_{code}", own_language_text(code, source))


add_own_language_texts(BasePage)
