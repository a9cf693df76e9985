"""A claim's audit trail: every workflow step and every change, and what readers may see."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy

from annotations.models import (
    Claim,
    ClaimStatus,
    Comment,
    Correction,
    Evidence,
    Rating,
    ReviewAction,
    ReviewEvent,
    Source,
    Stance,
    Verdict,
    VerdictRole,
)
from annotations.rating_labels import shipped_text
from annotations.selectors.verdicts import sealed_review_ids

# The models whose history rows the trail reads, by the kind of entry they make.
_KIND_MODELS: dict[str, type[Model]] = {
    "claim": Claim,
    "evidence": Evidence,
    "verdict": Verdict,
    "comment": Comment,
}

# Stored values that read better as their choice's label.
_VALUE_LABELS: dict[str, type] = {"stance": Stance, "role": VerdictRole}

# What happened to a claim, its evidence, its verdicts or its comments, in words.
_CHANGE_LABELS = {
    ("claim", "created"): pgettext_lazy("history", "Claim created"),
    ("claim", "changed"): pgettext_lazy("history", "Claim changed"),
    ("claim", "removed"): pgettext_lazy("history", "Claim removed"),
    ("evidence", "created"): pgettext_lazy("history", "Evidence added"),
    ("evidence", "changed"): pgettext_lazy("history", "Evidence changed"),
    ("evidence", "removed"): pgettext_lazy("history", "Evidence removed"),
    ("verdict", "created"): pgettext_lazy("history", "Verdict proposed"),
    ("verdict", "changed"): pgettext_lazy("history", "Verdict changed"),
    ("verdict", "removed"): pgettext_lazy("history", "Verdict removed"),
    ("comment", "created"): pgettext_lazy("history", "Comment added"),
    ("comment", "changed"): pgettext_lazy("history", "Comment changed"),
    ("comment", "removed"): pgettext_lazy("history", "Comment removed"),
}


@dataclass(frozen=True)
class FieldChange:
    """One field's value before and after a change (None when it did not exist)."""

    field: str
    before: Any
    after: Any
    kind: str = "transition"

    @property
    def label(self) -> str:
        """Name the field as its model does, in the reader's language."""
        if self.field == "correction":
            return capfirst(Correction._meta.verbose_name)
        # A workflow step changes the claim's own fields (status, assignee).
        model = _KIND_MODELS.get(self.kind, Claim)
        return capfirst(model._meta.get_field(self.field).verbose_name)

    @property
    def shown_before(self) -> Any:
        return _shown(self.field, self.before)

    @property
    def shown_after(self) -> Any:
        return _shown(self.field, self.after)


def _shown(field: str, value: Any) -> Any:
    """Return a stored value as a reader should see it: yes/no, a choice's label."""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    vocabulary = _VALUE_LABELS.get(field)
    if vocabulary is not None and value in vocabulary.values:
        return vocabulary(value).label
    return value


@dataclass(frozen=True)
class AuditEntry:
    """One line of a claim's audit trail: who did what, when, and what it changed."""

    at: datetime.datetime
    actor: AbstractBaseUser | None
    kind: str  # transition, claim, evidence, verdict or comment
    action: str  # a ReviewAction for transitions; created, changed or removed otherwise
    object_id: int
    changes: tuple[FieldChange, ...] = ()
    comment: str = ""

    @property
    def who(self) -> str:
        return self.actor.get_username() if self.actor else gettext("system")

    @property
    def label(self) -> str:
        """Say what happened in words: "Request changes", "Evidence added"."""
        if self.kind == "transition":
            return dict(ReviewAction.choices).get(self.action, self.action)
        return str(_CHANGE_LABELS.get((self.kind, self.action), f"{self.kind} {self.action}"))


# Status, version, assignee and researcher change only through the workflow, whose events
# already say so; repeating them as field changes would only double the trail.
_CLAIM_AUDIT_FIELDS = ("claim_text", "quote", "start", "end", "claimant", "claim_date")
_EVIDENCE_AUDIT_FIELDS = ("source", "stance", "excerpt", "note")
_VERDICT_AUDIT_FIELDS = ("rating", "explanation", "role", "is_final", "approved_by")
_COMMENT_AUDIT_FIELDS = ("text", "hidden")
_KIND_ORDER = {"claim": 0, "evidence": 1, "verdict": 2, "comment": 3, "transition": 4}


def claim_audit_trail(*, claim: Claim, viewer: AbstractBaseUser | None = None) -> list[AuditEntry]:
    """Return every workflow step and every change of the claim, its evidence, verdicts and
    comments, oldest first: who, what, when, before and after.

    With a `viewer`, blind reviewer verdicts still sealed from them are left out.
    """
    entries: list[AuditEntry] = []
    corrections = dict(
        Correction.objects.filter(claim=claim, event__isnull=False).values_list("event_id", "note")
    )
    for event in ReviewEvent.objects.filter(claim=claim).select_related("actor"):
        # People read the statuses' labels ("In review"), not their stored values.
        changes = [
            FieldChange("status", _status_label(event.from_status), _status_label(event.to_status))
        ]
        if "assignee" in event.data or "previous" in event.data:
            changes.append(
                FieldChange("assignee", event.data.get("previous"), event.data.get("assignee"))
            )
        if event.pk in corrections:
            changes.append(FieldChange("correction", None, corrections[event.pk]))
        entries.append(
            AuditEntry(
                at=event.at,
                actor=event.actor,
                kind="transition",
                action=event.action,
                object_id=event.pk,
                changes=tuple(changes),
                comment=event.comment,
            )
        )

    claim_rows = list(claim.history.select_related("history_user").order_by("history_date"))
    evidence_rows = list(
        Evidence.history.filter(claim_id=claim.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    verdict_rows = list(
        Verdict.history.filter(claim_id=claim.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    comment_rows = list(
        Comment.history.filter(claim_id=claim.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    names = _AuditNames(evidence_rows=evidence_rows, verdict_rows=verdict_rows)
    sealed = sealed_review_ids(claim=claim, user=viewer) if viewer is not None else set()
    entries += _history_entries("claim", claim_rows, _CLAIM_AUDIT_FIELDS, names)
    entries += _history_entries("evidence", evidence_rows, _EVIDENCE_AUDIT_FIELDS, names)
    entries += [
        entry
        for entry in _history_entries("verdict", verdict_rows, _VERDICT_AUDIT_FIELDS, names)
        if entry.object_id not in sealed
    ]
    entries += _history_entries("comment", comment_rows, _COMMENT_AUDIT_FIELDS, names)
    entries.sort(key=lambda entry: (entry.at, _KIND_ORDER[entry.kind], entry.object_id))
    return entries


class _AuditNames:
    """Readable values for the ids that history rows hold, fetched once per trail."""

    def __init__(self, *, evidence_rows: list, verdict_rows: list) -> None:
        self.sources = dict(
            Source.objects.filter(pk__in={row.source_id for row in evidence_rows}).values_list(
                "pk", "title"
            )
        )
        self.ratings = dict(
            Rating.objects.filter(pk__in={row.rating_id for row in verdict_rows}).values_list(
                "pk", "label"
            )
        )
        user_ids = {row.approved_by_id for row in verdict_rows if row.approved_by_id}
        user_model = get_user_model()
        self.users = {
            user.pk: user.get_username() for user in user_model.objects.filter(pk__in=user_ids)
        }

    def show(self, field: str, value: Any) -> Any:
        if value is None:
            return None
        if field == "source":
            return self.sources.get(value, f"source {value}")
        if field == "rating":
            return shipped_text(self.ratings[value]) if value in self.ratings else f"rating {value}"
        if field == "approved_by":
            return self.users.get(value, f"user {value}")
        return value


def _history_entries(
    kind: str, rows: list, fields: tuple[str, ...], names: _AuditNames
) -> list[AuditEntry]:
    def value(row, name: str) -> Any:
        attname = f"{name}_id" if name in ("source", "rating", "approved_by") else name
        return names.show(name, getattr(row, attname))

    entries = []
    previous: dict[int, Any] = {}
    for row in rows:
        before = previous.get(row.id)
        if row.history_type == "+" or before is None:
            action = "created"
            changes = [FieldChange(name, None, value(row, name), kind) for name in fields]
        elif row.history_type == "-":
            action = "removed"
            changes = [FieldChange(name, value(row, name), None, kind) for name in fields]
        else:
            action = "changed"
            changes = [
                FieldChange(name, value(before, name), value(row, name), kind)
                for name in fields
                if value(before, name) != value(row, name)
            ]
        previous[row.id] = row
        if not changes:
            continue
        entries.append(
            AuditEntry(
                at=row.history_date,
                actor=row.history_user,
                kind=kind,
                action=action,
                object_id=row.id,
                changes=tuple(changes),
                comment=row.history_change_reason or "",
            )
        )
    return entries


def public_review_events(*, claim: Claim) -> QuerySet[ReviewEvent]:
    """Return the events of a claim that readers may see: publications and corrections."""
    return (
        ReviewEvent.objects.filter(
            claim=claim, action__in=(ReviewAction.PUBLISH, ReviewAction.REOPEN)
        )
        .select_related("actor", "correction")
        .order_by("at", "id")
    )


def _status_label(status: str | None) -> str | None:
    """Return a status's label, None for none, and an unknown value as it is."""
    if not status:
        return None
    return dict(ClaimStatus.choices).get(status, status)
