"""Template tags for archived sources: "archived on …" beside a cited source."""

from django import template

from annotations.selectors.archives import archive_state

register = template.Library()


@register.inclusion_tag("annotations/_archive_note.html", takes_context=True)
def archive_note(context: template.Context, source, *, can_archive: bool = False) -> dict:
    """Say when the source was archived (with a link to the copy), or why it is not yet."""
    copy, latest = archive_state(source)
    request = context.get("request")
    return {
        "source": source,
        "copy": copy,
        "latest": latest,
        "can_archive": can_archive and bool(source.url),
        "next": request.get_full_path() if request is not None else "",
    }
