"""Template tags for the admin's moderation dashboard."""

from django import template

from annotations.models import ReviewEvent
from annotations.selectors import Dashboard, moderation_dashboard, recent_review_events

register = template.Library()


@register.simple_tag
def load_moderation_dashboard() -> Dashboard:
    """Return the dashboard's claims per status, longest waits and workload."""
    return moderation_dashboard()


@register.simple_tag
def load_recent_review_events() -> list[ReviewEvent]:
    """Return the latest workflow steps for the dashboard's side column."""
    return recent_review_events()
