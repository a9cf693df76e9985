"""Reads for the moderation screens: the admin's lists and the editors' dashboard.

Each function returns its rows with every join and count it needs, so a page costs a fixed
number of queries however many rows it shows.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from annotations.models import (
    Article,
    Claim,
    ClaimStatus,
    Evidence,
    ReviewAction,
    ReviewEvent,
    Source,
    Verdict,
    VerdictRole,
)
from annotations.permissions import EDITOR, REVIEWER

# Statuses in which a claim waits for someone: research, review or publication.
WAITING_STATUSES = (ClaimStatus.RESEARCHING, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED)
# Actions that count as reviewing work in the workload table.
REVIEW_ACTIONS = (
    ReviewAction.APPROVE,
    ReviewAction.REQUEST_CHANGES,
    ReviewAction.REVIEW,
    ReviewAction.ADJUDICATE,
)
# Article columns a list never shows; the text alone can be hundreds of kilobytes per row.
ARTICLE_BULK_FIELDS = ("text", "html", "original")


def _subquery_count(rows: QuerySet, key: str) -> Coalesce:
    """Count `rows` (filtered on an OuterRef) per outer row, zero when there are none."""
    counted = rows.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def claim_admin_list(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Return the claims with their article, assignee, final verdict and evidence count loaded."""
    final = Verdict.objects.filter(claim=OuterRef("pk"), is_final=True)
    return (
        claims.select_related("article", "assignee")
        .defer(*(f"article__{name}" for name in ARTICLE_BULK_FIELDS))
        .annotate(
            verdict_label=Subquery(final.values("rating__label")[:1]),
            verdict_colour=Subquery(final.values("rating__colour")[:1]),
            evidence_count=_subquery_count(Evidence.objects.filter(claim=OuterRef("pk")), "claim"),
        )
    )


def article_admin_list(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Return the articles with their claim counts in total and by status, in one query.

    Counted in correlated subqueries rather than a join and GROUP BY, so the list's row count,
    date drill-down and filter choices, which leave the counts out, stay plain scans of the
    article table; PostgreSQL computes the counts for the rows of the page only.
    """
    claims = Claim.objects.filter(article=OuterRef("pk"))
    per_status = {
        f"claims_{status}": _subquery_count(claims.filter(status=status), "article")
        for status in ClaimStatus.values
    }
    return articles.defer(*ARTICLE_BULK_FIELDS).annotate(
        claims_total=_subquery_count(claims, "article"), **per_status
    )


def source_admin_list(sources: QuerySet[Source]) -> QuerySet[Source]:
    """Return the sources with how many claims cite them."""
    return sources.annotate(
        claims_citing=_subquery_count(Evidence.objects.filter(source=OuterRef("pk")), "source")
    )


def verdicts_visible_in_admin(verdicts: QuerySet[Verdict], *, user: AbstractBaseUser):
    """Leave out blind reviewer verdicts still sealed from `user` (the round is not complete).

    Editors included: neither reviewer may lean on the other, and an editor may yet adjudicate.
    """
    reviews_in_round = _subquery_count(
        Verdict.objects.filter(
            role=VerdictRole.REVIEW,
            submission_id=OuterRef("submission_id"),
            claim_id=OuterRef("claim_id"),
        ),
        "submission",
    )
    return verdicts.annotate(reviews_in_round=reviews_in_round).exclude(
        Q(role=VerdictRole.REVIEW, reviews_in_round__lt=2) & ~Q(author_id=user.pk)
    )


@dataclass(frozen=True)
class StatusCount:
    """How many claims are in one status."""

    status: str
    label: str
    count: int


@dataclass(frozen=True)
class Workload:
    """What one reviewer or editor has on their plate and has done lately."""

    user: AbstractBaseUser
    researching: int
    in_review: int
    approved: int
    reviewed_recently: int

    @property
    def open_total(self) -> int:
        return self.researching + self.in_review + self.approved


@dataclass(frozen=True)
class Dashboard:
    """Everything the moderation dashboard shows."""

    status_counts: list[StatusCount]
    waiting: list[Claim]
    workload: list[Workload]
    recent_days: int

    @property
    def total(self) -> int:
        return sum(item.count for item in self.status_counts)


def claims_waiting_longest(*, limit: int = 10) -> list[Claim]:
    """Return the claims waiting longest in research, review or for publication.

    A claim's wait starts at the last event that moved it into its current status (assigning
    does not restart it), or at its creation when none did.
    """
    entered = Subquery(
        ReviewEvent.objects.filter(claim=OuterRef("pk"), to_status=OuterRef("status"))
        .exclude(from_status=F("to_status"))
        .order_by("-at", "-id")
        .values("at")[:1]
    )
    return list(
        Claim.objects.filter(status__in=WAITING_STATUSES)
        .select_related("article", "assignee")
        .defer(*(f"article__{name}" for name in ARTICLE_BULK_FIELDS))
        .annotate(waiting_since=Coalesce(entered, F("created_at")))
        .order_by("waiting_since", "id")[:limit]
    )


def reviewer_workload(*, since: datetime.datetime) -> list[Workload]:
    """Return, for each active reviewer or editor and anyone holding claims, their open claims
    by status and the reviews they did since `since`; busiest first.
    """
    user_model = get_user_model()
    in_role = Group.objects.filter(name__in=(REVIEWER, EDITOR), user=OuterRef("pk"))

    def assigned(status: str) -> Coalesce:
        return _subquery_count(
            Claim.objects.filter(assignee=OuterRef("pk"), status=status), "assignee"
        )

    users = (
        user_model.objects.filter(is_active=True)
        .filter(
            Exists(in_role)
            | Exists(Claim.objects.filter(assignee=OuterRef("pk"), status__in=WAITING_STATUSES))
        )
        .annotate(
            n_researching=assigned(ClaimStatus.RESEARCHING),
            n_in_review=assigned(ClaimStatus.IN_REVIEW),
            n_approved=assigned(ClaimStatus.APPROVED),
            n_reviewed=_subquery_count(
                ReviewEvent.objects.filter(
                    actor=OuterRef("pk"), action__in=REVIEW_ACTIONS, at__gte=since
                ),
                "actor",
            ),
        )
        .order_by(
            (F("n_researching") + F("n_in_review") + F("n_approved")).desc(),
            F("n_reviewed").desc(),
            user_model.USERNAME_FIELD,
        )
    )
    return [
        Workload(
            user=user,
            researching=user.n_researching,
            in_review=user.n_in_review,
            approved=user.n_approved,
            reviewed_recently=user.n_reviewed,
        )
        for user in users
    ]


def recent_review_events(*, limit: int = 15) -> list[ReviewEvent]:
    """Return the latest workflow steps, newest first, with their claim and actor."""
    return list(ReviewEvent.objects.select_related("actor", "claim").order_by("-at", "-id")[:limit])


def moderation_dashboard(
    *, recent_days: int = 30, now: datetime.datetime | None = None
) -> Dashboard:
    """Return the dashboard: claims per status, the longest waits and everyone's workload."""
    now = now or timezone.now()
    counts = dict(Claim.objects.order_by().values_list("status").annotate(n=Count("id")))
    return Dashboard(
        status_counts=[
            StatusCount(status=value, label=label, count=counts.get(value, 0))
            for value, label in ClaimStatus.choices
        ],
        waiting=claims_waiting_longest(),
        workload=reviewer_workload(since=now - datetime.timedelta(days=recent_days)),
        recent_days=recent_days,
    )
