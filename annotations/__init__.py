"""The domain app: articles, claims, evidence, verdicts and the review workflow."""
