"""The "Story review" workflow: editors write stories, a reviewer approves
them before they go live.

Wagtail's own migrations create the "Editors" and "Moderators" groups (with
rights on the whole tree) and a "Moderators approval" workflow on the root.
Stories get a workflow of their own, assigned to every story index (in every
language), so that the Centre's reviewers, not the site-wide moderators,
approve them. Group, task and workflow names are data, kept in English like
Wagtail's own.
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Editors"
REVIEWERS = "Reviewers"
REVIEW_TASK = "Reviewers approval"
STORY_REVIEW = "Story review"

# What each group may do on a story index and the stories below it.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
REVIEWER_PAGE_PERMISSIONS = ["change_page", "publish_page"]


def _page_permissions(codenames: list[str]) -> list[Permission]:
    page_type = ContentType.objects.get_for_model(Page)
    return list(
        Permission.objects.filter(content_type=page_type, codename__in=codenames)
    )


def _admin_access() -> Permission:
    return Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )


def _grant(group: Group, pages: Iterable[Page], permissions: list[Permission]):
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )


@transaction.atomic
def story_review_workflow_ensure(
    *, story_indexes: Iterable[Page] | None = None
) -> Workflow:
    """Make sure the "Story review" workflow exists and governs the given
    story indexes (by default every StoryIndexPage, all languages): the
    "Reviewers" group approves (and may edit and publish), the "Editors"
    group (Wagtail's own, created if missing) writes. Idempotent: running it
    again creates nothing new."""
    from .models import StoryIndexPage

    if story_indexes is None:
        story_indexes = StoryIndexPage.objects.all()
    story_indexes = list(story_indexes)

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    admin_access = _admin_access()
    editors.permissions.add(admin_access)
    reviewers.permissions.add(admin_access)
    _grant(editors, story_indexes, _page_permissions(EDITOR_PAGE_PERMISSIONS))
    _grant(reviewers, story_indexes, _page_permissions(REVIEWER_PAGE_PERMISSIONS))

    task, _ = GroupApprovalTask.objects.get_or_create(name=REVIEW_TASK)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.add(reviewers)

    workflow, _ = Workflow.objects.get_or_create(name=STORY_REVIEW)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for index in story_indexes:
        WorkflowPage.objects.update_or_create(
            page=index, defaults={"workflow": workflow}
        )
    return workflow
