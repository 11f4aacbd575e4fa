"""The hub's roles as Django groups, kept up to date by `manage.py sync_roles`.

Translators: one group per target language. Each language has its own page tree (its home
page at the root), so page permissions on that tree let its members edit and publish that
language's pages and translations, and nothing in any other language. Starting a new
translation ("Translate this page") stays with editors who hold wagtail-localize's
`submit_translation` permission, because that action may create pages in any language.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation

from wagtail.models import GroupPagePermission, Locale, Page

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
TRANSLATOR_PAGE_PERMISSIONS = ("change_page", "publish_page")


def translator_group_name(language_code: str) -> str:
    with translation.override("en"):
        return f"Translators: {translation.get_language_info(language_code)['name']}"


def permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def set_page_permissions(group: Group, page: Page, codenames) -> None:
    """Make `codenames` on `page` the group's only page permissions (idempotent)."""
    wanted = {permission("wagtailcore", codename) for codename in codenames}
    GroupPagePermission.objects.filter(group=group).exclude(
        page=page, permission__in=wanted
    ).delete()
    for perm in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=perm)


@transaction.atomic
def sync_translator_groups() -> list[Group]:
    groups = []
    access_admin = permission(*ADMIN_ACCESS)
    for locale in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE):
        group, _created = Group.objects.get_or_create(
            name=translator_group_name(locale.language_code)
        )
        group.permissions.set([access_admin])
        home = Page.objects.filter(depth=2, locale=locale).first()
        if home is not None:
            set_page_permissions(group, home, TRANSLATOR_PAGE_PERMISSIONS)
        groups.append(group)
    return groups


def sync_roles() -> list[Group]:
    return sync_translator_groups()
