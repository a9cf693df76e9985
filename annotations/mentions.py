"""Mentions in comments: `@username` names a person; an email address is not a mention."""

import re

# Django usernames hold letters, digits and @ . + - _; a mention ends before a trailing dot or
# dash ("thanks @ana." names ana), and an @ after a word character is an email address.
MENTION = re.compile(r"(?<![\w.@+-])@([\w+-](?:[\w.@+-]*[\w+])?)")


def mentioned_usernames(text: str) -> list[str]:
    """Return the usernames mentioned in `text`, each once, in order of first mention."""
    seen: dict[str, None] = {}
    for match in MENTION.finditer(text or ""):
        seen.setdefault(match.group(1), None)
    return list(seen)
