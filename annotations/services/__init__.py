"""Every write to the domain goes through these functions."""

from annotations.services.articles import (
    article_build,
    article_create,
    article_import,
    article_update_metadata,
)
from annotations.services.claims import claim_create, claim_update
from annotations.services.comments import comment_add, comment_edit, comment_hide, comment_unhide
from annotations.services.common import SYSTEM
from annotations.services.evidence import (
    evidence_add,
    evidence_remove,
    evidence_update,
    source_create,
    source_get_or_create,
)
from annotations.services.intake import article_import_url
from annotations.services.people import public_profile_set
from annotations.services.splitting import SplitResult, article_import_split, claims_split
from annotations.services.triage import TriageResult, claim_mark, claims_triage
from annotations.services.verdicts import (
    verdict_adjudicate,
    verdict_propose,
    verdict_review,
    verdict_set,
)
from annotations.services.workflow import claim_assign, claim_transition, claim_unassign

__all__ = [
    "SYSTEM",
    "SplitResult",
    "TriageResult",
    "article_build",
    "article_create",
    "article_import",
    "article_import_split",
    "article_import_url",
    "article_update_metadata",
    "claim_assign",
    "claim_create",
    "claim_mark",
    "claim_transition",
    "claim_unassign",
    "claim_update",
    "claims_split",
    "claims_triage",
    "comment_add",
    "comment_edit",
    "comment_hide",
    "comment_unhide",
    "evidence_add",
    "evidence_remove",
    "evidence_update",
    "public_profile_set",
    "source_create",
    "source_get_or_create",
    "verdict_adjudicate",
    "verdict_propose",
    "verdict_review",
    "verdict_set",
]
