"""Chinese sentence rules: full-width stops with no space after them."""

from .base import Rules

RULES = Rules(code="zh", cjk=True, closers="」』》〉）】〕", attribution_after_quote=True)
