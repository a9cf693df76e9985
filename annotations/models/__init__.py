"""The domain models, defined in submodules and re-exported here."""

from annotations.models.archives import ArchiveStatus, SourceArchive
from annotations.models.articles import ARTICLE_PROVENANCE_FIELDS, Article
from annotations.models.auth import APIToken, AuthEvent, AuthEventKind
from annotations.models.claims import (
    CLAIM_TEXT_FIELDS,
    Claim,
    ClaimantType,
    ClaimOrigin,
    ClaimStatus,
)
from annotations.models.evidence import Evidence, Source, SourceKind, Stance
from annotations.models.feeds import Feed, FeedEntry
from annotations.models.intake import (
    ArticleBand,
    ArticleFingerprint,
    FetchRecord,
    PossibleDuplicate,
)
from annotations.models.jobs import Job, JobItem, JobItemStatus, JobKind, JobStatus
from annotations.models.notifications import (
    Notification,
    NotificationKind,
    NotificationPreference,
)
from annotations.models.people import PublicProfile
from annotations.models.tags import Tag
from annotations.models.verdicts import Rating, RatingScale, Verdict, VerdictRole
from annotations.models.workflow import Comment, Correction, ReviewAction, ReviewEvent

__all__ = [
    "ARTICLE_PROVENANCE_FIELDS",
    "CLAIM_TEXT_FIELDS",
    "APIToken",
    "ArchiveStatus",
    "Article",
    "ArticleBand",
    "ArticleFingerprint",
    "AuthEvent",
    "AuthEventKind",
    "Claim",
    "ClaimOrigin",
    "ClaimStatus",
    "ClaimantType",
    "Comment",
    "Correction",
    "Evidence",
    "Feed",
    "FeedEntry",
    "FetchRecord",
    "Job",
    "JobItem",
    "JobItemStatus",
    "JobKind",
    "JobStatus",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "PossibleDuplicate",
    "PublicProfile",
    "Rating",
    "RatingScale",
    "ReviewAction",
    "ReviewEvent",
    "Source",
    "SourceArchive",
    "SourceKind",
    "Stance",
    "Tag",
    "Verdict",
    "VerdictRole",
]
