"""The domain models, defined in submodules and re-exported here."""

from annotations.models.articles import ARTICLE_PROVENANCE_FIELDS, Article
from annotations.models.auth import APIToken, AuthEvent, AuthEventKind
from annotations.models.claims import CLAIM_TEXT_FIELDS, Claim, ClaimOrigin, ClaimStatus
from annotations.models.evidence import Evidence, Source, SourceKind, Stance
from annotations.models.people import PublicProfile
from annotations.models.verdicts import Rating, RatingScale, Verdict, VerdictRole
from annotations.models.workflow import Comment, Correction, ReviewAction, ReviewEvent

__all__ = [
    "ARTICLE_PROVENANCE_FIELDS",
    "CLAIM_TEXT_FIELDS",
    "APIToken",
    "Article",
    "AuthEvent",
    "AuthEventKind",
    "Claim",
    "ClaimOrigin",
    "ClaimStatus",
    "Comment",
    "Correction",
    "Evidence",
    "PublicProfile",
    "Rating",
    "RatingScale",
    "ReviewAction",
    "ReviewEvent",
    "Source",
    "SourceKind",
    "Stance",
    "Verdict",
    "VerdictRole",
]
