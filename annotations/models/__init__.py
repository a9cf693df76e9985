"""The domain models, defined in submodules and re-exported here."""

from annotations.models.archives import SourceArchive
from annotations.models.articles import ARTICLE_PROVENANCE_FIELDS, ARTICLE_URL_TAKEN, Article
from annotations.models.auth import APIToken, AuthEvent
from annotations.models.choices import (
    ArchiveStatus,
    AuthEventKind,
    ClaimantType,
    ClaimOrigin,
    ClaimStatus,
    JobItemStatus,
    JobKind,
    JobStatus,
    NotificationKind,
    ReviewAction,
    SourceKind,
    Stance,
    VerdictRole,
)
from annotations.models.claims import CLAIM_TEXT_FIELDS, Claim
from annotations.models.evidence import SOURCE_URL_TAKEN, Evidence, Source
from annotations.models.feeds import Feed, FeedEntry
from annotations.models.intake import (
    ArticleBand,
    ArticleFingerprint,
    FetchRecord,
    PossibleDuplicate,
)
from annotations.models.jobs import Job, JobItem
from annotations.models.notifications import Notification, NotificationPreference
from annotations.models.people import PublicProfile
from annotations.models.tags import Tag
from annotations.models.verdicts import Rating, RatingScale, Verdict
from annotations.models.workflow import Comment, Correction, ReviewEvent

__all__ = [
    "ARTICLE_PROVENANCE_FIELDS",
    "ARTICLE_URL_TAKEN",
    "CLAIM_TEXT_FIELDS",
    "SOURCE_URL_TAKEN",
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
