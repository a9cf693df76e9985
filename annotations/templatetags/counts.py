"""Claim counts per status, shown so that they add up to the total."""

from typing import Any

from django import template

from annotations.models import ClaimStatus

register = template.Library()


@register.simple_tag
def status_counts_of(article: Any) -> list[tuple[str, str, int]]:
    """Return (status, label, count) for every status of an article from `with_claim_counts`."""
    return [
        (status, label, getattr(article, f"claims_{status}", 0) or 0)
        for status, label in ClaimStatus.choices
    ]
