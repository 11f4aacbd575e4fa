"""The hub's roles as Django groups, and its moderation workflow, kept up to date by
`manage.py sync_roles`.

- **Secretariat**: edits and publishes everything (pages of every language, the network's
  shared entities, images, documents, promoted search results), starts translations, and reads
  and handles the good practices proposed through the public form, proposers' contact data
  included. It also approves or requests changes in the moderation workflow.
- **Moderators**: approve or request changes in the moderation workflow. They browse the page
  tree in the admin but publish nothing outside the workflow.
- **Contributors**: create and edit drafts of good practices and resources (the English
  practice and resource indexes) and submit them to the workflow; they never publish.
- **Translators: <language>**: one group per target language. Each language has its own page
  tree (its home page at the root), so page permissions on that tree let its members edit and
  publish that language's pages and translations, and nothing in any other language. Starting
  a new translation ("Translate this page") stays with the Secretariat, which holds
  wagtail-localize's `submit_translation` permission, because that action may create pages in
  any language. Deleting, unpublishing or moving a page of a target language, stopping its
  synchronised translation or converting it back to an alias are the Secretariat's too
  (`HubPagePermissionTester`, `dcaht.localize_views`): a translator's publish permission is
  for publishing translations.

The workflow "Moderated publishing" has one group approval task for the Moderators and the
Secretariat; it applies to the practice and resource indexes of every language and the pages
below them (practices, resources, reports, guidelines).

Every run converges: each group ends up with exactly the permissions listed here (what was
added by hand in the admin is removed), the task with exactly its two groups, and the workflow
assigned to exactly those index pages. Wagtail's own default groups ("Editors") and default
workflow (on the root page) are not the hub's and are left as they are.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .i18n import locale_of

SECRETARIAT = "Secretariat"
MODERATORS = "Moderators"
CONTRIBUTORS = "Contributors"
WORKFLOW_NAME = "Moderated publishing"
TASK_NAME = "Approval by the moderators or the secretariat"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
NETWORK_MODELS = ("country", "place", "theme", "targetgroup", "organisation", "person")
# The index pages whose subtrees the workflow moderates, as (app label, model name).
MODERATED_INDEXES = (("practices", "PracticeIndexPage"), ("resources", "ResourceIndexPage"))

SECRETARIAT_PERMISSIONS = (
    ADMIN_ACCESS,
    *(
        ("dcaht", f"{action}_{model}")
        for model in NETWORK_MODELS
        for action in ("add", "change", "delete")
    ),
    ("wagtail_localize", "submit_translation"),
    *(
        ("wagtailsearchpromotions", f"{action}_searchpromotion")
        for action in ("add", "change", "delete")
    ),
    *(("practices", f"{action}_proposal") for action in ("view", "change", "delete")),
)
ALL_MEDIA_PERMISSIONS = tuple(
    (app_label, f"{action}_{model}")
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "delete", "choose")
)
CHOOSE_MEDIA_PERMISSIONS = (("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document"))

SECRETARIAT_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
# Wagtail has no read-only page permission: "lock" is the narrowest one that opens the page
# tree in the admin. Pages in moderation open in the editor through the workflow task.
MODERATOR_PAGE_PERMISSIONS = ("lock_page",)
CONTRIBUTOR_PAGE_PERMISSIONS = ("add_page", "change_page")
TRANSLATOR_PAGE_PERMISSIONS = ("change_page", "publish_page")


# Who may start, stop and convert translations, and so manage the pages of target languages.
MANAGE_TRANSLATIONS = "wagtail_localize.submit_translation"


class HubPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, except that a page of a target language is deleted,
    unpublished or moved only by those who manage translations, not by its translators."""

    def manages_page(self) -> bool:
        return locale_of(self.page).language_code == settings.LANGUAGE_CODE or self.user.has_perm(
            MANAGE_TRANSLATIONS
        )

    def can_delete(self, ignore_bulk=False):
        return self.manages_page() and super().can_delete(ignore_bulk)

    def can_unpublish(self):
        return self.manages_page() and super().can_unpublish()

    def can_move(self):
        return self.manages_page() and super().can_move()


def home_pages() -> list[Page]:
    """The root of each language's tree."""
    return list(Page.objects.filter(depth=2))


def moderated_indexes(language_code: str | None = None) -> list[Page]:
    """The practice and resource indexes, of one language or of all."""
    pages = []
    for app_label, model_name in MODERATED_INDEXES:
        queryset = apps.get_model(app_label, model_name).objects.all()
        if language_code:
            queryset = queryset.filter(locale__language_code=language_code)
        pages.extend(queryset)
    return pages


@dataclass(frozen=True)
class Role:
    name: str
    permissions: tuple[tuple[str, str], ...] = (ADMIN_ACCESS,)
    page_permissions: tuple[str, ...] = ()
    pages: Callable[[], Iterable[Page]] = list
    collection_permissions: tuple[tuple[str, str], ...] = ()


ROLES = (
    Role(
        SECRETARIAT,
        permissions=SECRETARIAT_PERMISSIONS,
        page_permissions=SECRETARIAT_PAGE_PERMISSIONS,
        pages=home_pages,
        collection_permissions=ALL_MEDIA_PERMISSIONS,
    ),
    Role(
        MODERATORS,
        page_permissions=MODERATOR_PAGE_PERMISSIONS,
        pages=home_pages,
        collection_permissions=CHOOSE_MEDIA_PERMISSIONS,
    ),
    Role(
        CONTRIBUTORS,
        page_permissions=CONTRIBUTOR_PAGE_PERMISSIONS,
        pages=lambda: moderated_indexes(settings.LANGUAGE_CODE),
        collection_permissions=CHOOSE_MEDIA_PERMISSIONS,
    ),
)


def translator_group_name(language_code: str) -> str:
    with translation.override("en"):
        return f"Translators: {translation.get_language_info(language_code)['name']}"


def permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def set_page_permissions(group: Group, pages: Iterable[Page], codenames: Iterable[str]) -> None:
    """Make `codenames` on each of `pages` the group's only page permissions (idempotent)."""
    wanted = {
        (page.pk, perm.pk): (page, perm)
        for page in pages
        for perm in (permission("wagtailcore", codename) for codename in codenames)
    }
    for existing in GroupPagePermission.objects.filter(group=group):
        if (existing.page_id, existing.permission_id) not in wanted:
            existing.delete()
    for page, perm in wanted.values():
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=perm)


def set_collection_permissions(group: Group, permissions: Iterable[tuple[str, str]]) -> None:
    """Make `permissions` on the root collection the group's only collection permissions."""
    root = Collection.get_first_root_node()
    wanted = {permission(*key) for key in permissions}
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root, permission__in=wanted
    ).delete()
    for perm in wanted:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=perm
        )


def sync_group(role: Role) -> Group:
    group, _created = Group.objects.get_or_create(name=role.name)
    group.permissions.set([permission(*key) for key in role.permissions])
    set_page_permissions(group, role.pages(), role.page_permissions)
    set_collection_permissions(group, role.collection_permissions)
    return group


def sync_translator_groups() -> list[Group]:
    groups = []
    for locale in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE):
        home = Page.objects.filter(depth=2, locale=locale).first()
        role = Role(
            translator_group_name(locale.language_code),
            page_permissions=TRANSLATOR_PAGE_PERMISSIONS,
            pages=lambda home=home: [home] if home is not None else [],
        )
        groups.append(sync_group(role))
    return groups


def sync_workflow(approvers: list[Group]) -> Workflow:
    """The moderation workflow: one approval task for `approvers`, on the moderated indexes."""
    task, _created = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set(approvers)

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    indexes = moderated_indexes()
    WorkflowPage.objects.filter(workflow=workflow).exclude(page__in=indexes).delete()
    for page in indexes:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def sync_roles() -> tuple[list[Group], Workflow]:
    groups = {role.name: sync_group(role) for role in ROLES}
    translators = sync_translator_groups()
    workflow = sync_workflow([groups[MODERATORS], groups[SECRETARIAT]])
    return [*groups.values(), *translators], workflow
