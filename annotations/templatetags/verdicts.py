"""Template helpers for showing a claim's verdict."""

from django import template

from annotations.models import Claim, Verdict
from annotations.rating_labels import shipped_text
from annotations.selectors import final_verdict as claim_final_verdict

register = template.Library()


@register.filter
def final_verdict(claim: Claim) -> Verdict | None:
    """Return the claim's final verdict from what its query loaded."""
    return claim_final_verdict(claim)


@register.filter
def rating_text(value: str) -> str:
    """Show a rating's or scale's stored text: the shipped default's in the reader's language."""
    return shipped_text(value)


@register.inclusion_tag("annotations/_verdict_badge.html")
def verdict_badge(verdict: Verdict | None, size: str = "") -> dict:
    """Show a verdict's rating as a badge in the rating's colour (nothing without a verdict)."""
    return {"verdict": verdict, "size": size}
