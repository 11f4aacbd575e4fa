"""Admin: the shared network entities (one "Network" menu), the translation status report and
its summary on the dashboard, and the dashboard's warning when background work is late or
failed."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail.wagtail_hooks import require_wagtail_login
from wagtail_localize import synctree

from .background_work import BackgroundWorkPanel, background_work
from .i18n import default_locale
from .localize_views import (
    TranslatePageView,
    checked_convert_to_alias,
    checked_stop_translation,
    checked_upload_pofile,
)
from .models import (
    Country,
    Organisation,
    Person,
    Place,
    TargetGroup,
    Theme,
    TranslationNotifications,
)
from .privacy import may_open_document
from .reports import (
    TranslationStatusView,
    TranslationSummaryPanel,
    TranslationWorkPanel,
    editable_target_locales,
    translator_locales,
)
from .roles import MANAGE_TRANSLATIONS

page_permission_policy = PagePermissionPolicy()

# wagtail-localize gives a page its aliases as soon as it is created, and Wagtail's autosave
# creates a page before its editor saves it: a draft nobody chose to keep became work for
# every translator. The hub creates aliases when a page is first published instead
# (`dcaht.translation_state`). Wagtail's hook registry offers no way to unregister a hook.
hooks._hooks["after_create_page"] = [
    (fn, order)
    for fn, order in hooks._hooks.get("after_create_page", [])
    if fn is not synctree.after_create_page
]


@hooks.register("before_serve_document")
def serve_documents_of_private_pages_to_their_readers(document, request):
    """A document used only on private pages goes to those who may see one of them (and to
    the hub's editors): a visitor is asked to log in, a member without access refused."""
    if request.user.has_perm("wagtailadmin.access_admin") or may_open_document(document, request):
        return None
    if not request.user.is_authenticated:
        return require_wagtail_login(next=request.get_full_path())  # As for a private page.
    raise PermissionDenied


@hooks.register("construct_translated_pages_to_cascade_actions")
def cascade_to_every_language(pages, action):
    """Deleting, moving or unpublishing a page of the source language does the same to its
    copies in the other languages, listed in Wagtail's confirmation: a page in thirteen
    languages is one page, and none is left behind to be deleted one by one. (Aliases are
    unpublished with their source by Wagtail itself.)"""
    cascaded = {}
    for page in pages:
        if page.alias_of_id is not None or page.locale_id != default_locale().pk:
            continue
        copies = Page.objects.translation_of(page, inclusive=False)
        cascaded[page] = copies.filter(alias_of__isnull=True) if action == "unpublish" else copies
    return cascaded


@hooks.register("before_edit_page")
def say_how_to_turn_machine_translation_on(request, page):
    """wagtail-localize's editor offers machine translation only when a machine translator is
    configured; without one, a translator is told why there is none and how to get it."""
    if (
        request.method == "GET"
        and not getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)
        and page.locale_id != default_locale().pk
        and page.alias_of_id is None
    ):
        messages.info(
            request,
            _(
                "Machine translation is off. The hub's administrators turn on DeepL by setting "
                "DEEPL_API_KEY (see docs/translation.md)."
            ),
        )


@hooks.register("construct_page_action_menu")
def offer_translation_management_to_its_managers(menu_items, request, context):
    """wagtail-localize offers *Convert to alias page* to whoever edits a translation; only those
    who manage translations may use it (`dcaht.localize_views`)."""
    if not request.user.has_perm(MANAGE_TRANSLATIONS):
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


class NetworkViewSet(SnippetViewSet):
    """The list of one kind of network entity. Its search box matches any part of the names
    (and acronyms, roles) in the database, not in the search index: a few hundred rows; it
    finds an entity saved a moment ago (the index is updated in the background); and Wagtail's
    SQLite search back end cannot restrict a search to some fields (every search here was a
    500 with the local default)."""

    search_backend_name = None


class CountryViewSet(NetworkViewSet):
    model = Country
    icon = "globe"
    list_display = ["name", "code", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class PlaceViewSet(NetworkViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "country", "kind", "locale"]
    list_filter = ["locale", "kind", "country"]
    search_fields = ["name"]


class ThemeViewSet(NetworkViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class TargetGroupViewSet(NetworkViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


class OrganisationViewSet(NetworkViewSet):
    model = Organisation
    icon = "doc-full"
    list_display = ["name", "kind", "country", "locale"]
    list_filter = ["locale", "kind", "country"]
    search_fields = ["name", "acronym"]


class PersonViewSet(NetworkViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "role", "organisation", "locale"]
    list_filter = ["locale", "organisation"]
    search_fields = ["name", "role"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Network")
    menu_icon = "globe"
    menu_order = 200
    items = (
        PlaceViewSet,
        CountryViewSet,
        OrganisationViewSet,
        PersonViewSet,
        ThemeViewSet,
        TargetGroupViewSet,
    )


register_snippet(NetworkViewSetGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        # Matched before wagtail-localize's own URL (dcaht's hooks are registered first).
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            checked_upload_pofile,
            name="checked_upload_pofile",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            TranslatePageView.as_view(),
            name="translate_page",
        ),
        path(
            "localize/translate/<int:translation_id>/disable/",
            checked_stop_translation,
            name="checked_stop_translation",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            checked_convert_to_alias,
            name="checked_convert_to_alias",
        ),
        path("reports/translations/", TranslationStatusView.as_view(), name="translation_status"),
        path(
            "reports/translations/results/",
            TranslationStatusView.as_view(results_only=True),
            name="translation_status_results",
        ),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="globe",
        order=900,
    )


@hooks.register("construct_homepage_panels")
def add_background_work_panel(request, panels):
    if not request.user.is_superuser:  # Only they can start a worker or read its log.
        return
    work = background_work()
    if work is not None and work.needs_attention:
        panels.append(BackgroundWorkPanel(work))


class TranslationNotificationsForm(forms.ModelForm):
    class Meta:
        model = TranslationNotifications
        fields = ["started", "source_changed"]


class TranslationNotificationsPanel(BaseSettingsPanel):
    """A translator's e-mails about their language (`dcaht.translator_mail`), beside Wagtail's
    own notification preferences."""

    name = "translation_notifications"
    title = _("Translation notifications")
    tab = notifications_tab
    order = 110
    form_class = TranslationNotificationsForm

    def is_active(self):
        return bool(translator_locales(self.user))

    def get_form(self):
        instance = TranslationNotifications.objects.filter(user=self.user).first()
        kwargs = {
            "instance": instance or TranslationNotifications(user=self.user),
            "prefix": self.name,
        }
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)


@hooks.register("register_account_settings_panel")
def register_translation_notifications_panel(request, user, profile):
    return TranslationNotificationsPanel(request, user, profile)


@hooks.register("construct_homepage_panels")
def add_translation_work_panel(request, panels):
    if locales := translator_locales(request.user):
        panels.append(TranslationWorkPanel(locales))


@hooks.register("construct_homepage_panels")
def add_translation_summary_panel(request, panels):
    if locales := editable_target_locales(request.user):
        panels.append(TranslationSummaryPanel(locales))
