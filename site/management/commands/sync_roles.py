"""Create or update the hub's groups, their permissions and the moderation workflow.

Safe to run at every deployment: it converges on the roles described in `dcaht.roles`.
"""

from django.core.management.base import BaseCommand

from dcaht.roles import sync_roles


class Command(BaseCommand):
    help = (
        "Create or update the hub's roles (Django groups), their permissions and the moderation "
        "workflow."
    )

    def handle(self, *args, **options):
        groups, workflow = sync_roles()
        if options["verbosity"] > 0:
            self.stdout.write(f"Roles up to date: {', '.join(group.name for group in groups)}.")
            pages = workflow.workflow_pages.count()
            self.stdout.write(f"Workflow {workflow.name!r} assigned to {pages} index pages.")
