"""What finishing a moderation workflow does (Wagtail's `WAGTAIL_FINISH_WORKFLOW_ACTION`).

Wagtail's default publishes the approved revision *as the approver*, which requires the
approver to hold the page permission "publish". The hub's Moderators approve without holding
it, so that they publish nothing outside the workflow (see `dcaht.roles`): the approval of the
workflow's last task, which only members of the task's groups may give, is the permission to
publish that revision. A workflow that finishes without an approval (one whose tasks were all
disabled) publishes only for a user who may publish, as Wagtail's default does.

Wagtail imports this function while it defines its models: this module imports nothing.
"""


def publish_approved_revision(workflow_state, user=None):
    task_state = workflow_state.current_task_state
    approved = task_state is not None and task_state.status == task_state.STATUS_APPROVED
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=approved)
