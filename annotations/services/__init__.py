"""Every write to the domain goes through these functions."""

from annotations.services.articles import article_import
from annotations.services.claims import claim_create, claim_update

__all__ = ["article_import", "claim_create", "claim_update"]
