"""Tags as people pick them: the ones in use, most used first."""

from django.db.models import Count, QuerySet

from annotations.models import Tag
from annotations.tagging import normalize_tag

TAG_SUGGESTIONS = 10


def tag_suggestions(*, query: str = "", limit: int = TAG_SUGGESTIONS) -> QuerySet[Tag]:
    """Return the tags starting with the query (all when empty), most used first."""
    tags = Tag.objects.annotate(claim_count=Count("claims"))
    prefix = normalize_tag(query)
    if prefix:
        tags = tags.filter(name__startswith=prefix)
    return tags.order_by("-claim_count", "name")[:limit]
