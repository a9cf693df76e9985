"""Every write to the domain goes through these functions."""

from annotations.services.articles import article_build, article_import, article_update_metadata
from annotations.services.claims import claim_create, claim_update
from annotations.services.splitting import SplitResult, claims_split

__all__ = [
    "SplitResult",
    "article_build",
    "article_import",
    "article_update_metadata",
    "claim_create",
    "claim_update",
    "claims_split",
]
