"""Claims in the admin: find them, read their history, and move many through the workflow.

Status never changes in a form. Every bulk action calls the workflow service once per claim,
so the admin keeps the same rules (roles, transitions, four-eyes, guards) as the API and the
browser: a claim the service refuses is skipped and named with the reason, the rest proceed.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from annotations.admin.base import REFUSALS, BulkOutcome, ReadOnlyInline, refusal_reason
from annotations.admin.claim_actions import (
    WORKFLOW_ACTIONS,
    WorkflowAction,
    role_check,
    workflow_action,
)
from annotations.admin.claim_exports import ClaimExportActions
from annotations.admin.filters import (
    ArticleFilter,
    AssigneeFilter,
    DateRangeFilter,
    FinalVerdictFilter,
    HasEvidenceFilter,
    PublisherFilter,
    autocomplete_media,
)
from annotations.admin.history import ReadOnlyHistoryAdmin
from annotations.models import Claim, Evidence, ReviewAction, Verdict
from annotations.permissions import ASSIGN_CLAIM
from annotations.rating_labels import shipped_text
from annotations.selectors import claim_admin_list, claim_audit_trail, verdicts_visible_to
from annotations.services import claim_assign, claim_transition, claim_update
from annotations.workflow_rules import ALLOWED_TRANSITIONS, EDITABLE_STATUSES, actions_offered

QUOTE_LENGTH = 70
# What a person may change in the change form while the claim is in research.
WORDING_FIELDS = ("claim_text", "claimant", "claimant_type", "claim_date", "tags")
# Shown read-only in the change form's "Workflow" section: only the workflow changes them.
WORKFLOW_FIELDS = (
    "origin",
    "checkworthiness",
    "reasons",
    "assignee",
    "researcher",
    "version",
    "published_at",
    "created_by",
    "created_at",
)


def short_text(text: str, length: int = QUOTE_LENGTH) -> str:
    """Return `text` cut to `length` characters with an ellipsis when longer."""
    return text if len(text) <= length else text[: length - 1] + "…"


def claim_name(claim: Claim) -> str:
    """Name a claim in messages: its shortened claim text and its number."""
    return f"“{short_text(claim.claim_text or claim.quote, 50)}” (claim {claim.pk})"


def status_badge(status: str, label: str) -> str:
    return format_html('<span class="fc-status fc-status-{}">{}</span>', status, label)


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = ("source", "stance", "excerpt", "note", "added_by", "created_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Evidence]:
        return super().get_queryset(request).select_related("source", "added_by")


class VerdictInline(ReadOnlyInline):
    """The claim's verdicts, without blind reviews still sealed from the viewer."""

    model = Verdict
    fields = ("rating", "role", "explanation", "author", "is_final", "approved_by", "approved_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Verdict]:
        return super().get_queryset(request).select_related("rating", "author", "approved_by")

    def get_formset(self, request: HttpRequest, obj: Claim | None = None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is None:
            return formset
        visible = [verdict.pk for verdict in verdicts_visible_to(claim=obj, user=request.user)]

        class VisibleVerdicts(formset):
            def __init__(self, *args, queryset=None, **kw) -> None:
                if queryset is not None:
                    queryset = queryset.filter(pk__in=visible)
                super().__init__(*args, queryset=queryset, **kw)

        return VisibleVerdicts


class ClaimEditForm(forms.ModelForm):
    """Change form: carries the version the editor saw so a stale save is refused."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    # Typed as on the claim page; the service normalises them and names a refused one.
    tags = forms.CharField(
        required=False, help_text=_("Separate tags with commas; they are stored in lower case.")
    )

    class Meta:
        model = Claim
        fields = ("claim_text", "claimant", "claimant_type", "claim_date")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version
        # Absent when read-only (a claim out of research, a history page).
        if self.instance.pk and "tags" in self.fields:
            self.fields["tags"].initial = ", ".join(t.name for t in self.instance.tags.all())


@admin.register(Claim)
class ClaimAdmin(ClaimExportActions, ReadOnlyHistoryAdmin):
    form = ClaimEditForm
    change_form_template = "admin/annotations/claim/change_form.html"
    list_display = (
        "short_claim",
        "article_title",
        "status_display",
        "verdict",
        "checkworthiness_display",
        "changed",
    )
    list_display_links = ("short_claim",)
    list_filter = (
        "status",
        ("tags", admin.RelatedOnlyFieldListFilter),
        "claimant_type",
        FinalVerdictFilter,
        AssigneeFilter,
        ArticleFilter,
        PublisherFilter,
        "origin",
        HasEvidenceFilter,
        ("updated_at", DateRangeFilter),
        ("created_at", DateRangeFilter),
        ("published_at", DateRangeFilter),
    )
    search_fields = ("quote", "claim_text", "claimant", "article__title")
    search_help_text = _(
        "Search the quote, the restated claim, the claimant and the article title."
    )
    ordering = ("-updated_at", "-id")
    date_hierarchy = "updated_at"
    list_per_page = 50
    show_full_result_count = False
    empty_value_display = "–"
    readonly_fields = (
        "article",
        "status",
        "start",
        "end",
        "quote",
        "prefix",
        "suffix",
        *WORKFLOW_FIELDS,
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "article",
                    "status",
                    "quote",
                    "claim_text",
                    "claimant",
                    "claimant_type",
                    "claim_date",
                    "tags",
                )
            },
        ),
        ("Anchor", {"fields": ("start", "end", "prefix", "suffix")}),
        (
            "Workflow",
            {"fields": (*WORKFLOW_FIELDS, "seen_version")},
        ),
    )
    inlines = (EvidenceInline, VerdictInline)
    actions = (
        *WORKFLOW_ACTIONS,
        "export_json",
        "export_claimreview",
        "export_csv",
    )

    @property
    def media(self) -> forms.Media:
        return super().media + autocomplete_media(self.admin_site)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return claim_admin_list(super().get_queryset(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Claims are anchored to a selection of text; they are made in the workspace or API.
        return False

    # Columns.

    @admin.display(description=_("claim"), ordering="claim_text")
    def short_claim(self, obj: Claim) -> str:
        return short_text(obj.claim_text or obj.quote)

    @admin.display(description=_("article"), ordering="article__title")
    def article_title(self, obj: Claim) -> str:
        return short_text(obj.article.title or f"Article {obj.article_id}", 40)

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, obj: Claim) -> str:
        # The assignee shares the status column (and has its own filter) so the list fits.
        badge = status_badge(obj.status, obj.get_status_display())
        if obj.assignee is None:
            return badge
        return format_html('{} <span class="fc-assignee">{}</span>', badge, obj.assignee)

    @admin.display(description=_("verdict"), ordering="verdict_label")
    def verdict(self, obj: Claim) -> str:
        if not obj.verdict_label:
            return "–"
        return format_html(
            '<span class="fc-rating" style="--fc-rating: {}">{}</span>',
            obj.verdict_colour,
            shipped_text(obj.verdict_label),
        )

    @admin.display(description=_("score"), ordering="checkworthiness")
    def checkworthiness_display(self, obj: Claim) -> str:
        return "–" if obj.checkworthiness is None else f"{obj.checkworthiness:.2f}"

    @admin.display(description=_("evidence"), ordering="evidence_count")
    def evidence_display(self, obj: Claim) -> int:
        return obj.evidence_count

    @admin.display(description=_("changed"), ordering="updated_at")
    def changed(self, obj: Claim) -> str:
        # Date over time, not Django's one-line "Nov. 26, 2026, 6:23 a.m.", and no evidence
        # column (the "has evidence" filter answers that): the table then fits a 1366-pixel
        # screen beside the filters without scrolling sideways.
        moment = timezone.localtime(obj.updated_at)
        return format_html(
            '<time datetime="{}">{}<br>{}</time>',
            moment.isoformat(),
            moment.strftime("%Y-%m-%d"),
            moment.strftime("%H:%M"),
        )

    # Who may take each action: the roles of the workflow, never the model permissions.

    def has_assign_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(ASSIGN_CLAIM)

    has_start_permission = role_check(ReviewAction.START)
    has_approve_permission = role_check(ReviewAction.APPROVE)
    has_request_changes_permission = role_check(ReviewAction.REQUEST_CHANGES)
    has_publish_permission = role_check(ReviewAction.PUBLISH)
    has_dismiss_permission = role_check(ReviewAction.DISMISS)
    has_restore_permission = role_check(ReviewAction.RESTORE)
    has_reopen_permission = role_check(ReviewAction.REOPEN)

    # Actions.

    assign = workflow_action("assign", _("Assign to a person…"))
    start = workflow_action("start", _("Start research"))
    approve = workflow_action("approve", _("Approve the proposed verdict"))
    request_changes = workflow_action("request_changes", _("Request changes…"))
    publish = workflow_action("publish", _("Publish"))
    dismiss = workflow_action("dismiss", _("Dismiss…"))
    restore = workflow_action("restore", _("Restore dismissed claims"))
    reopen = workflow_action("reopen", _("Reopen for correction…"))

    def _workflow(self, request: HttpRequest, queryset: QuerySet[Claim], spec: WorkflowAction):
        """Take the action on each selected claim, after a confirmation page when it has a form."""
        claims = list(queryset.order_by("pk"))
        if spec.form is None:
            self._apply(request, claims, spec, {}, {})
            return None
        if request.POST.get("confirm") == "yes":
            form = spec.form(request.POST)
            if form.is_valid():
                seen = {claim.pk: _seen_version(request, claim) for claim in claims}
                self._apply(request, claims, spec, form.cleaned_data, seen)
                return None
        else:
            form = spec.form()
        sources = ALLOWED_TRANSITIONS[spec.action]
        context = {
            **self.admin_site.each_context(request),
            "title": ngettext("%(action)s: %(n)d claim", "%(action)s: %(n)d claims", len(claims))
            % {"action": spec.label, "n": len(claims)},
            "subtitle": None,
            "opts": self.model._meta,
            "spec": spec,
            "rows": [(claim, claim.status in sources) for claim in claims],
            "takers": sum(claim.status in sources for claim in claims),
            "form": form,
            "media": self.media + form.media,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/annotations/claim/action_confirmation.html", context
        )

    def _apply(
        self,
        request: HttpRequest,
        claims: list[Claim],
        spec: WorkflowAction,
        data: dict,
        seen: dict[int, int | None],
    ) -> None:
        def take(claim: Claim) -> Claim:
            if spec.action == ReviewAction.ASSIGN:
                return claim_assign(
                    claim=claim,
                    actor=request.user,
                    assignee=data["assignee"],
                    comment=data.get("comment", ""),
                    expected_version=seen.get(claim.pk),
                )
            return claim_transition(
                claim=claim,
                actor=request.user,
                action=spec.action,
                comment=data.get("comment", ""),
                correction=data.get("correction", ""),
                expected_version=seen.get(claim.pk),
            )

        outcome = BulkOutcome().run(claims, take)
        outcome.report(request, verb=spec.done, noun=("claim", "claims"), name=claim_name)

    # The claim page: its audit trail and the actions open to the viewer.

    def change_view(self, request: HttpRequest, object_id: str, form_url="", extra_context=None):
        extra_context = extra_context or {}
        claim = self.get_object(request, object_id)
        if claim is not None:
            extra_context["audit_trail"] = claim_audit_trail(claim=claim, viewer=request.user)
            extra_context["workflow_actions"] = self._actions_for(request, claim)
        return super().change_view(request, object_id, form_url, extra_context)

    def _actions_for(self, request: HttpRequest, claim: Claim) -> list[WorkflowAction]:
        offered = set(self.get_actions(request))
        possible = set(actions_offered(user=request.user, claim=claim))
        return [
            spec
            for spec in WORKFLOW_ACTIONS.values()
            if spec.name in offered and spec.action in possible
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Claim | None = None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is None or obj.status in EDITABLE_STATUSES:
            return readonly
        # Nothing on a claim out of research may change here: show it, offer nothing to type.
        return (*readonly, *WORDING_FIELDS)

    def render_change_form(self, request: HttpRequest, context, *args, obj=None, **kwargs):
        if obj is not None and obj.status not in EDITABLE_STATUSES:
            context["not_editable"] = _(
                "This claim is %(status)s: its wording cannot change here. Reopen it (a "
                "correction) to edit it."
            ) % {"status": obj.get_status_display().lower()}
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def save_model(self, request: HttpRequest, obj: Claim, form, change: bool) -> None:
        changes = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name != "seen_version" and name in form.cleaned_data
        }
        try:
            claim_update(
                claim=obj,
                actor=request.user,
                expected_version=form.cleaned_data["seen_version"],
                **changes,
            )
        except REFUSALS as error:
            request._claim_not_saved = True
            messages.error(
                request,
                (_("Not saved: %(refusal_reason)s") % {"refusal_reason": refusal_reason(error)}),
            )

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # The service wrote the tags (or refused them with the rest); the form's own many-to-
        # many save would write the typed text over them.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def log_change(self, request: HttpRequest, obj, message):
        if getattr(request, "_claim_not_saved", False):
            return None
        return super().log_change(request, obj, message)

    def message_user(self, request: HttpRequest, message, level=messages.INFO, *args, **kwargs):
        # A refused save has said so in red; a green "changed successfully" would contradict it.
        if getattr(request, "_claim_not_saved", False) and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, *args, **kwargs)


def _seen_version(request: HttpRequest, claim: Claim) -> int | None:
    """Return the version of the claim the confirmation page showed, if it came back."""
    value = request.POST.get(f"version-{claim.pk}", "")
    return int(value) if value.isdigit() else None
