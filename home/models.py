"""The home page: the root of each language's tree."""

from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page, get_page_models
from wagtail_localize.fields import SynchronizedField, TranslatableField

from modelcluster.fields import ParentalKey

from dcaht import serializers
from dcaht.generation import remember
from dcaht.i18n import written_copies
from dcaht.models import BasePage, PageFeed, Place
from dcaht.privacy import public
from dcaht.schema_org import SCHEMA, content_language, network, page_url, without_empty
from meetings.models import UPCOMING_ORDER, EventPage
from practices.models import GoodPracticePage
from resources.models import ResourcePage

FEATURED_COUNT = 4
LATEST_RESOURCES_COUNT = 6
UPCOMING_EVENTS_COUNT = 3


class HomePage(BasePage):
    """The root of each language's tree: what the network is, and the way in to everything."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("What the network is and who the hub is for."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "practices.PracticeIndexPage",
        "practices.PlaceIndexPage",
        "resources.ResourceIndexPage",
        "meetings.EventIndexPage",
    ]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        InlinePanel(
            "featured_practices",
            label=_("Featured practices"),
            help_text=_("Shown first on the home page; the newest practices fill the rest."),
            max_num=FEATURED_COUNT,
        ),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
        SynchronizedField("featured_practices"),
    ]

    # The hub's own feed: the newest pages of every type listed `in_site_feed`.
    feeds = (PageFeed("all"),)

    api_fields = serializers.INTRODUCTION_API_FIELDS

    class Meta:
        verbose_name = _("home page")

    def structured_data(self, request, image):
        """The network (`Organization`) and the site with its search (`WebSite` with a
        `SearchAction`)."""
        url = page_url(self, request)
        search_url = request.build_absolute_uri(reverse("search"))
        return [
            without_empty(
                {
                    "@context": SCHEMA,
                    **network(request),
                    "url": url,
                    "description": self.description,
                }
            ),
            {
                "@context": SCHEMA,
                "@type": "WebSite",
                "name": gettext("Danube Cities Knowledge Hub"),
                "url": url,
                "inLanguage": content_language(self),
                "publisher": {"@id": network(request)["@id"]},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {
                        "@type": "EntryPoint",
                        "urlTemplate": f"{search_url}?q={{search_term_string}}",
                    },
                    "query-input": "required name=search_term_string",
                },
            },
        ]

    def featured(self) -> list[GoodPracticePage]:
        """The editors' choice in this page's language, completed with the newest practices:
        chosen once per generation (three queries, one a sort of every practice), loaded by
        key on each visit."""
        pks = remember(
            ("home featured", self.pk), lambda: [practice.pk for practice in self.choose_featured()]
        )
        loaded = GoodPracticePage.objects.filter(pk__in=pks).defer_streamfields().in_bulk()
        return [loaded[pk] for pk in pks if pk in loaded]

    def choose_featured(self) -> list[GoodPracticePage]:
        """The choice itself, from this instance's featured practices (a preview's unsaved
        ones too)."""
        chosen_keys = list(
            self.featured_practices.values_list("practice__translation_key", flat=True)
        )
        practices = public(GoodPracticePage.objects.live()).filter(locale_id=self.locale_id)
        chosen = {
            practice.translation_key: practice
            for practice in practices.filter(translation_key__in=chosen_keys).defer_streamfields()
        }
        featured = [chosen[key] for key in chosen_keys if key in chosen]
        if len(featured) < FEATURED_COUNT:
            featured += list(
                practices.exclude(translation_key__in=chosen_keys)
                .order_by("-first_published_at")
                .defer_streamfields()[: FEATURED_COUNT - len(featured)]
            )
        return featured

    def figures(self) -> dict[str, int]:
        """Counted from the content once per cache generation (every visit shows them)."""
        return remember(("home figures",), self.count_figures)

    def count_figures(self) -> dict[str, int]:
        """Places with practices, practices, and the languages content is written in: the
        practices, resources and events (`in_site_feed`), not the frames every language has
        (home and index pages) nor aliases showing English text."""
        source_practices = public(GoodPracticePage.objects.live()).filter(
            locale=Locale.get_default()
        )
        return {
            "places": Place.objects.filter(practices__in=source_practices).distinct().count(),
            "practices": source_practices.count(),
            "languages": written_copies(public(Page.objects.live()))
            .type(*(model for model in get_page_models() if getattr(model, "in_site_feed", False)))
            .aggregate(n=Count("locale", distinct=True))["n"],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        in_this_language = {"locale_id": self.locale_id}
        context.update(
            # A preview shows the editor's unsaved choice, not the live one kept in memory.
            featured_practices=(
                self.choose_featured() if getattr(request, "is_preview", False) else self.featured()
            ),
            latest_resources=public(ResourcePage.objects.live())
            .filter(**in_this_language)
            .order_by("-first_published_at", "title")
            .defer_streamfields()[:LATEST_RESOURCES_COUNT],
            upcoming_events=public(EventPage.objects.live())
            .filter(**in_this_language)
            .upcoming(timezone.localdate())
            .order_by(*UPCOMING_ORDER)[:UPCOMING_EVENTS_COUNT],
            figures=self.figures(),
            indexes=remember(("home indexes", self.pk), self.section_indexes),
        )
        return context

    def section_indexes(self) -> dict[str, Page]:
        """The index page of each section (practices, places, resources, events), by type."""
        return {
            type(page).__name__: page
            for page in public(self.get_children().live()).specific().defer_streamfields()
        }


class HomeFeaturedPractice(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_practices")
    practice = models.ForeignKey(
        GoodPracticePage,
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured practice")
