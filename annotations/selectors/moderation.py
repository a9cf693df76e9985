"""Reads for the editors' moderation dashboard: claims per status, waits and workload.

Each function returns its rows with every join and count it needs, so a page costs a fixed
number of queries however many rows it shows.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from annotations.models import Claim, ClaimStatus, ReviewAction, ReviewEvent
from annotations.permissions import EDITOR, REVIEWER
from annotations.selectors.claims import claim_status_counts
from annotations.selectors.common import ARTICLE_BULK_FIELDS, subquery_count

# Statuses in which a claim waits for someone: research, review or publication.
WAITING_STATUSES = (ClaimStatus.RESEARCHING, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED)
# Actions that count as reviewing work in the workload table.
REVIEW_ACTIONS = (
    ReviewAction.APPROVE,
    ReviewAction.REQUEST_CHANGES,
    ReviewAction.REVIEW,
    ReviewAction.ADJUDICATE,
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
        return subquery_count(
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
            n_reviewed=subquery_count(
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
    counts = claim_status_counts()
    return Dashboard(
        status_counts=[
            StatusCount(status=value, label=label, count=counts[value])
            for value, label in ClaimStatus.choices
        ],
        waiting=claims_waiting_longest(),
        workload=reviewer_workload(since=now - datetime.timedelta(days=recent_days)),
        recent_days=recent_days,
    )
