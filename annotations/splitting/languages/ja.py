"""Japanese sentence rules: full-width and half-width stops with no space after them."""

from .base import Rules

RULES = Rules(code="ja", cjk=True, closers="」』》〉）】〕")
