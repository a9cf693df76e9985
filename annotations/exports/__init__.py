"""Serialisers of published claims: our own JSON, schema.org ClaimReview and W3C annotations."""
