"""Template helpers for the paged lists."""

from django import template
from django.core.paginator import Page
from django.http import QueryDict
from django.utils.http import urlencode

register = template.Library()


@register.inclusion_tag("annotations/_pager.html")
def pager(
    page: Page,
    label: str,
    *,
    params: QueryDict | dict | None = None,
    noun: str = "",
    back: str = "← Newer",
    forward: str = "Older →",
) -> dict:
    """Link to the previous and next pages, keeping the list's other parameters."""
    query = params.urlencode() if isinstance(params, QueryDict) else urlencode(params or {})
    return {
        "page": page,
        "label": label,
        "prefix": f"{query}&" if query else "",
        "noun": noun,
        "back": back,
        "forward": forward,
    }
