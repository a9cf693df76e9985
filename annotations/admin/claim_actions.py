"""The claim list's bulk workflow actions: their table, the forms they ask for, their checks.

Each action takes one workflow action on every selected claim through the workflow service;
who may offer it comes from the workflow's own permission table.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from annotations.models import Claim, ReviewAction
from annotations.workflow_rules import ACTION_PERMISSIONS

# Forms of the actions that ask for more than the selection.


class CommentForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("Saved with each claim's review event and shown to the people working on it."),
    )


class OptionalCommentForm(forms.Form):
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Optional; saved with each claim's review event."),
    )


class AssignForm(OptionalCommentForm):
    assignee = forms.ModelChoiceField(
        queryset=get_user_model()._default_manager.filter(is_active=True),
        widget=AutocompleteSelect(Claim._meta.get_field("assignee"), admin.site),
        help_text=_("Who takes the claims. They need the role that the claim's status calls for."),
    )
    field_order = ("assignee", "comment")


class ReopenForm(forms.Form):
    comment = forms.CharField(
        label=_("What is being corrected"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("For the people who will research the claims again."),
    )
    correction = forms.CharField(
        label=_("Public correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Shown with each published fact-check; leave empty to publish the text above."),
    )


@dataclass(frozen=True)
class WorkflowAction:
    """One bulk action of the claim list and the workflow action it takes on each claim."""

    name: str  # the ModelAdmin method, as posted by the action form
    action: str  # the ReviewAction it takes
    label: str  # shown on the confirmation page and the claim page
    done: str  # the report's verb: "Published 3 claims"
    form: type[forms.Form] | None = None  # a confirmation page asks for it when set


WORKFLOW_ACTIONS: dict[str, WorkflowAction] = {
    item.name: item
    for item in (
        WorkflowAction(
            "assign", ReviewAction.ASSIGN, _("Assign to a person"), _("Assigned"), AssignForm
        ),
        WorkflowAction("start", ReviewAction.START, _("Start research"), _("Started research on")),
        WorkflowAction(
            "approve", ReviewAction.APPROVE, _("Approve the proposed verdict"), _("Approved")
        ),
        WorkflowAction(
            "request_changes",
            ReviewAction.REQUEST_CHANGES,
            _("Request changes"),
            _("Sent back"),
            CommentForm,
        ),
        WorkflowAction("publish", ReviewAction.PUBLISH, _("Publish"), _("Published")),
        WorkflowAction("dismiss", ReviewAction.DISMISS, _("Dismiss"), _("Dismissed"), CommentForm),
        WorkflowAction("restore", ReviewAction.RESTORE, _("Restore to candidate"), _("Restored")),
        WorkflowAction(
            "reopen", ReviewAction.REOPEN, _("Reopen for correction"), _("Reopened"), ReopenForm
        ),
    )
}


def workflow_action(name: str, description: str) -> Callable:
    """Make the bulk action that takes WORKFLOW_ACTIONS[name] on each selected claim."""

    @admin.action(description=description, permissions=[name])
    def take(self: ModelAdmin, request: HttpRequest, queryset: QuerySet[Claim]):
        return self._workflow(request, queryset, WORKFLOW_ACTIONS[name])

    take.__name__ = name
    return take


def role_check(action: str) -> Callable[[Any, HttpRequest], bool]:
    """Allow an action to the roles the workflow's own table gives it."""

    def has_permission(self: ModelAdmin, request: HttpRequest) -> bool:
        return request.user.has_perm(ACTION_PERMISSIONS[action])

    return has_permission
