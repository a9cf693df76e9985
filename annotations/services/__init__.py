"""Every write to the domain goes through these functions."""

from annotations.services.articles import article_build, article_import, article_update_metadata
from annotations.services.claims import claim_create, claim_update

__all__ = [
    "article_build",
    "article_import",
    "article_update_metadata",
    "claim_create",
    "claim_update",
]
