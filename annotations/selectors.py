"""Every non-trivial read, with the joins it needs, so each page's queries live in one place."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from annotations.models import (
    APIToken,
    Article,
    Claim,
    ClaimStatus,
    Comment,
    Correction,
    Evidence,
    PublicProfile,
    Rating,
    ReviewAction,
    ReviewEvent,
    Source,
    Verdict,
    VerdictRole,
)
from annotations.permissions import MODERATE_COMMENT, RESEARCH_CLAIM, REVIEW_CLAIM
from annotations.services.workflow import review_round


def claim_status_counts() -> dict[str, int]:
    """Return the number of claims in each status (every status present, zero when none)."""
    counts = dict(Claim.objects.order_by().values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status in ClaimStatus.values}


def article_list_with_counts() -> QuerySet[Article]:
    """Return articles, newest first, with their claim counts by status in one query.

    Each count is a subquery on the article's own claims, so a page of articles costs the same
    however many claims the table holds (a join and GROUP BY counted them all first).
    """
    per_status = {f"claims_{status}": _claim_count(status=status) for status in ClaimStatus.values}
    return (
        Article.objects.defer("text", "html", "original")
        .annotate(claims_total=_claim_count(), **per_status)
        .order_by("-created_at", "-id")
    )


def _claim_count(**conditions: Any) -> Coalesce:
    claims = (
        Claim.objects.filter(article=OuterRef("pk"), **conditions)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(claims, output_field=IntegerField()), Value(0))


def article_search(articles: QuerySet[Article], query: str) -> QuerySet[Article]:
    """Keep the articles whose title, publisher, author or URL contain every word of the query."""
    for word in query.split():
        articles = articles.filter(
            Q(title__icontains=word)
            | Q(publisher__icontains=word)
            | Q(author__icontains=word)
            | Q(url__icontains=word)
        )
    return articles


def claim_search_list() -> QuerySet[Claim]:
    """Return claims, last changed first, with article, assignee and final verdict loaded."""
    from annotations.exports.claimreview import final_verdicts_prefetch

    return (
        Claim.objects.select_related("article", "assignee")
        .defer("article__text", "article__html", "article__original")
        .prefetch_related(final_verdicts_prefetch())
        .order_by("-updated_at", "-id")
    )


def claims_for_article(*, article: Article) -> QuerySet[Claim]:
    """Return an article's claims in text order with their people and final verdict loaded."""
    return (
        Claim.objects.filter(article=article)
        .select_related("assignee", "researcher")
        .prefetch_related("verdicts__rating")
        .order_by("start", "end", "id")
    )


# Review queues, verdict visibility and the audit trail (see docs/workflow.md).


def _by_priority(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    # Most check-worthy first, unscored last, then the longest-waiting.
    return claims.order_by(F("checkworthiness").desc(nulls_last=True), "created_at", "id")


def _current_submission_id() -> Subquery:
    return Subquery(
        ReviewEvent.objects.filter(claim=OuterRef("pk"), action=ReviewAction.SUBMIT)
        .order_by("-at", "-id")
        .values("id")[:1]
    )


def research_queue_for(*, user: AbstractBaseUser) -> QuerySet[Claim]:
    """Return the candidate and in-research claims assigned to the user, most urgent first."""
    if not user.is_authenticated or not user.has_perm(RESEARCH_CLAIM):
        return Claim.objects.none()
    return _by_priority(
        Claim.objects.filter(
            assignee=user, status__in=[ClaimStatus.CANDIDATE, ClaimStatus.RESEARCHING]
        ).select_related("article", "assignee")
    )


def review_queue_for(*, user: AbstractBaseUser) -> QuerySet[Claim]:
    """Return the claims waiting for this reviewer, most urgent first.

    Never a claim the user researched (submitted or proposed its verdict), one assigned to
    another reviewer, one the user has already reviewed blind, or one whose two blind reviews
    are in.
    """
    if not user.is_authenticated or not user.has_perm(REVIEW_CLAIM):
        return Claim.objects.none()
    reviews_in = Subquery(
        Verdict.objects.filter(
            claim=OuterRef("pk"),
            role=VerdictRole.REVIEW,
            submission_id=OuterRef("current_submission"),
        )
        .order_by()
        .values("claim")
        .annotate(n=Count("id"))
        .values("n")
    )
    return _by_priority(
        Claim.objects.filter(status=ClaimStatus.IN_REVIEW)
        .filter(Q(assignee__isnull=True) | Q(assignee=user))
        .exclude(researcher=user)
        .exclude(
            Exists(
                ReviewEvent.objects.filter(
                    claim=OuterRef("pk"), action=ReviewAction.SUBMIT, actor=user
                )
            )
        )
        .exclude(
            Exists(
                Verdict.objects.filter(claim=OuterRef("pk"), role=VerdictRole.PROPOSAL, author=user)
            )
        )
        .annotate(current_submission=_current_submission_id())
        .annotate(reviews_in=reviews_in)
        .exclude(
            Exists(
                Verdict.objects.filter(
                    claim=OuterRef("pk"),
                    role=VerdictRole.REVIEW,
                    author=user,
                    submission_id=OuterRef("current_submission"),
                )
            )
        )
        .filter(Q(reviews_in__isnull=True) | Q(reviews_in__lt=2))
        .select_related("article", "assignee", "researcher")
    )


def adjudication_queue() -> QuerySet[Claim]:
    """Return the claims in review whose two blind reviewer verdicts disagree."""
    ratings_given = Subquery(
        Verdict.objects.filter(
            claim=OuterRef("pk"),
            role=VerdictRole.REVIEW,
            submission_id=OuterRef("current_submission"),
        )
        .order_by()
        .values("claim")
        .annotate(n=Count("rating", distinct=True))
        .values("n")
    )
    return _by_priority(
        Claim.objects.filter(status=ClaimStatus.IN_REVIEW)
        .annotate(current_submission=_current_submission_id())
        .annotate(ratings_given=ratings_given)
        .filter(ratings_given__gte=2)
        .select_related("article", "researcher")
    )


def publish_queue() -> QuerySet[Claim]:
    """Return the approved claims ready to publish, most urgent first."""
    return _by_priority(
        Claim.objects.filter(status=ClaimStatus.APPROVED).select_related(
            "article", "assignee", "researcher"
        )
    )


def verdicts_visible_to(*, claim: Claim, user: AbstractBaseUser) -> list[Verdict]:
    """Return the claim's verdicts the user may see, oldest first.

    While a blind double review is under way, each reviewer's verdict is hidden from everyone
    else (editors too) until both are in, so neither can lean on the other.
    """
    verdicts = list(
        Verdict.objects.filter(claim=claim)
        .select_related("rating", "author", "approved_by")
        .order_by("created_at", "id")
    )
    hidden = _sealed_review_ids(claim=claim, user=user)
    return [verdict for verdict in verdicts if verdict.pk not in hidden]


def comments_for(*, claim: Claim, user: AbstractBaseUser) -> QuerySet[Comment]:
    """Return the claim's discussion in order; hidden comments only for moderators."""
    comments = Comment.objects.filter(claim=claim).select_related("author", "hidden_by")
    if not (user.is_authenticated and user.has_perm(MODERATE_COMMENT)):
        comments = comments.filter(hidden=False)
    return comments.order_by("created_at", "id")


@dataclass(frozen=True)
class FieldChange:
    """One field's value before and after a change (None when it did not exist)."""

    field: str
    before: Any
    after: Any


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
        return self.actor.get_username() if self.actor else "system"


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
        changes = [FieldChange("status", event.from_status or None, event.to_status)]
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
    sealed = _sealed_review_ids(claim=claim, user=viewer) if viewer is not None else set()
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


def _sealed_review_ids(*, claim: Claim, user: AbstractBaseUser | None) -> set[int]:
    current = review_round(claim)
    if not current.blind or current.complete:
        return set()
    user_pk = user.pk if user is not None else None
    return {verdict.pk for verdict in current.reviews if verdict.author_id != user_pk}


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
            return self.ratings.get(value, f"rating {value}")
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
            changes = [FieldChange(name, None, value(row, name)) for name in fields]
        elif row.history_type == "-":
            action = "removed"
            changes = [FieldChange(name, value(row, name), None) for name in fields]
        else:
            action = "changed"
            changes = [
                FieldChange(name, value(before, name), value(row, name))
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


def public_names() -> list[tuple[int, str, str]]:
    """Return (user id, username, public name) of everyone who chose to be named in public."""
    username = f"user__{get_user_model().USERNAME_FIELD}"
    return list(
        PublicProfile.objects.filter(show_name_publicly=True)
        .exclude(public_name="")
        .values_list("user_id", username, "public_name")
    )


def public_review_events(*, claim: Claim) -> QuerySet[ReviewEvent]:
    """Return the events of a claim that readers may see: publications and corrections."""
    return (
        ReviewEvent.objects.filter(
            claim=claim, action__in=(ReviewAction.PUBLISH, ReviewAction.REOPEN)
        )
        .select_related("actor", "correction")
        .order_by("at", "id")
    )


def api_tokens_of(*, user: AbstractBaseUser) -> QuerySet[APIToken]:
    """Return the user's API tokens, newest first, revoked and expired ones included."""
    return APIToken.objects.filter(user=user).order_by("-created_at", "-id")
