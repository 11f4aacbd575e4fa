"""`sync_roles`: the groups' exact permissions and the workflow, converged on every run."""

from io import StringIO

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import TestCase

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)

from dcaht.roles import CONTRIBUTORS, MODERATORS, SECRETARIAT, TASK_NAME, WORKFLOW_NAME
from home.models import HomePage
from meetings.models import EventIndexPage
from practices.models import PracticeIndexPage
from resources.models import ResourceIndexPage

from .helpers import make_user

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def page_permissions(group_name: str) -> set[tuple[str, str]]:
    """(page's url_path, permission codename) of each page permission of the group."""
    return set(
        GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "page__url_path", "permission__codename"
        )
    )


def collection_permissions(group_name: str) -> set[str]:
    root = Collection.get_first_root_node()
    rows = GroupCollectionPermission.objects.filter(group__name=group_name)
    assert set(rows.values_list("collection", flat=True)) <= {root.pk}
    return set(rows.values_list("permission__codename", flat=True))


def model_permissions(group_name: str) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def snapshot() -> dict:
    groups = [SECRETARIAT, MODERATORS, CONTRIBUTORS, "Translators: German"]
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "pages": {name: page_permissions(name) for name in groups},
        "collections": {name: collection_permissions(name) for name in groups},
        "models": {name: model_permissions(name) for name in groups},
        "workflow_pages": set(WorkflowPage.objects.values_list("page", "workflow__name")),
        "task_groups": set(
            GroupApprovalTask.objects.get(name=TASK_NAME).groups.values_list("name", flat=True)
        ),
        "workflows": Workflow.objects.count(),
    }


class RolePermissionTests(TestCase):
    """What `sync_roles` (run by the session's fixture) gave each role."""

    def test_secretariat_edits_and_publishes_every_language_and_the_network(self):
        homes = {page.url_path for page in HomePage.objects.all()}
        self.assertEqual(len(homes), len(LANGUAGE_CODES))
        self.assertEqual(
            page_permissions(SECRETARIAT),
            {
                (home, codename)
                for home in homes
                for codename in [
                    "add_page",
                    "change_page",
                    "publish_page",
                    "lock_page",
                    "unlock_page",
                ]
            },
        )
        self.assertEqual(
            collection_permissions(SECRETARIAT),
            {
                f"{action}_{model}"
                for model in ["image", "document"]
                for action in ["add", "change", "delete", "choose"]
            },
        )
        models = model_permissions(SECRETARIAT)
        for model in ["country", "place", "theme", "targetgroup", "organisation", "person"]:
            for action in ["add", "change", "delete"]:
                self.assertIn(f"dcaht.{action}_{model}", models)
        self.assertLessEqual(
            {
                "wagtailadmin.access_admin",
                "wagtail_localize.submit_translation",
                "wagtailsearchpromotions.add_searchpromotion",
                "wagtailsearchpromotions.change_searchpromotion",
                "wagtailsearchpromotions.delete_searchpromotion",
                "practices.view_proposal",
                "practices.change_proposal",
                "practices.delete_proposal",
            },
            models,
        )
        self.assertEqual(len(models), 18 + 8)

    def test_moderators_browse_every_language_and_publish_nothing(self):
        self.assertEqual(
            {codename for _page, codename in page_permissions(MODERATORS)}, {"lock_page"}
        )
        self.assertEqual(len(page_permissions(MODERATORS)), len(LANGUAGE_CODES))
        self.assertEqual(collection_permissions(MODERATORS), {"choose_image", "choose_document"})
        self.assertEqual(model_permissions(MODERATORS), {"wagtailadmin.access_admin"})

    def test_contributors_add_and_change_under_the_english_practice_and_resource_indexes(self):
        practices = PracticeIndexPage.objects.get(locale__language_code="en").url_path
        resources = ResourceIndexPage.objects.get(locale__language_code="en").url_path

        self.assertEqual(
            page_permissions(CONTRIBUTORS),
            {
                (practices, "add_page"),
                (practices, "change_page"),
                (resources, "add_page"),
                (resources, "change_page"),
            },
        )
        self.assertEqual(collection_permissions(CONTRIBUTORS), {"choose_image", "choose_document"})
        self.assertEqual(model_permissions(CONTRIBUTORS), {"wagtailadmin.access_admin"})

    def test_only_the_secretariat_and_superusers_hold_the_proposals_permissions(self):
        holders = Group.objects.filter(permissions__content_type__model="proposal").distinct()
        self.assertEqual(list(holders.values_list("name", flat=True)), [SECRETARIAT])

        secretary = make_user("sabine", SECRETARIAT)
        others = [
            make_user("moritz", MODERATORS),
            make_user("carla", CONTRIBUTORS),
            make_user("hanna", "Translators: German"),
        ]
        self.assertTrue(secretary.has_perm("practices.view_proposal"))
        for user in others:
            with self.subTest(user=user.username):
                self.assertFalse(user.has_perm("practices.view_proposal"))

    def test_the_workflow_moderates_the_practice_and_resource_indexes_of_every_language(self):
        workflow = Workflow.objects.get(name=WORKFLOW_NAME)
        task = GroupApprovalTask.objects.get(name=TASK_NAME)

        self.assertTrue(workflow.active)
        self.assertEqual(list(workflow.tasks.specific()), [task])
        self.assertEqual(set(task.groups.values_list("name", flat=True)), {MODERATORS, SECRETARIAT})
        indexes = [*PracticeIndexPage.objects.all(), *ResourceIndexPage.objects.all()]
        self.assertEqual({page.locale.language_code for page in indexes}, LANGUAGE_CODES)
        self.assertEqual(
            set(WorkflowPage.objects.filter(workflow=workflow).values_list("page", flat=True)),
            {page.pk for page in indexes},
        )


class SyncRolesCommandTests(TestCase):
    def test_running_it_again_changes_nothing(self):
        before = snapshot()

        out = StringIO()
        call_command("sync_roles", stdout=out)

        self.assertEqual(snapshot(), before)
        self.assertIn("Secretariat, Moderators, Contributors, Translators:", out.getvalue())
        self.assertIn(f"Workflow {WORKFLOW_NAME!r} assigned to 26 index pages.", out.getvalue())

    def test_it_removes_what_was_added_by_hand(self):
        before = snapshot()
        root = Page.get_first_root_node()
        events = EventIndexPage.objects.get(locale__language_code="en")
        publish = Permission.objects.get(codename="publish_page")
        moderators = Group.objects.get(name=MODERATORS)
        contributors = Group.objects.get(name=CONTRIBUTORS)
        GroupPagePermission.objects.create(group=moderators, page=root, permission=publish)
        GroupCollectionPermission.objects.create(
            group=contributors,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(codename="add_image"),
        )
        contributors.permissions.add(Permission.objects.get(codename="view_proposal"))
        workflow = Workflow.objects.get(name=WORKFLOW_NAME)
        WorkflowPage.objects.create(page=events, workflow=workflow)
        WorkflowPage.objects.filter(page__depth=3).first().delete()
        task = GroupApprovalTask.objects.get(name=TASK_NAME)
        task.groups.add(contributors)
        workflow.active = False
        workflow.save()

        call_command("sync_roles", verbosity=0)

        self.assertEqual(snapshot(), before)
        workflow.refresh_from_db()
        self.assertTrue(workflow.active)
