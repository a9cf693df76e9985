"""Template tags for notifications: the navigation's bell and @mentions linked in comments."""

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from annotations.mentions import MENTION, mentioned_usernames
from annotations.selectors.notifications import existing_usernames, unread_count

register = template.Library()


@register.inclusion_tag("annotations/_bell.html", takes_context=True)
def notification_bell(context: template.Context) -> dict:
    """Render the bell with the signed-in person's unread count (one COUNT query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    count = unread_count(user=user) if user is not None else 0
    return {"count": count, "url": reverse("notification-list")}


@register.filter(needs_autoescape=True)
def link_mentions(text: str, known: set[str] | None = None, autoescape: bool = True) -> SafeString:
    """Escape `text` and link each `@username` of someone in `known` to their claims."""
    known = known if known is not None else set()
    out, last = [], 0
    for match in MENTION.finditer(text or ""):
        out.append(escape(text[last : match.start()]))
        username = match.group(1)
        if username in known:
            href = reverse("claim-list") + "?" + urlencode({"assignee": username})
            out.append(format_html('<a class="mention" href="{}">@{}</a>', href, username))
        else:
            out.append(escape(match.group(0)))
        last = match.end()
    out.append(escape((text or "")[last:]))
    return mark_safe("".join(out))


@register.simple_tag
def mentioned_people(comments) -> set[str]:
    """Return which usernames mentioned in these comments belong to someone (one query)."""
    return existing_usernames(
        {name for comment in comments for name in mentioned_usernames(comment.text)}
    )
