"""Canonical article text: the one string every offset points into."""

import hashlib
import re
import unicodedata

# C0/C1 control characters other than tab and newline carry no text, and PostgreSQL cannot
# store NUL at all; they are removed rather than allowed to shift offsets later.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def normalize_text(raw: str) -> str:
    """Return the canonical form: NFC, `\\n` line ends, no control characters, trimmed."""
    text = raw.removeprefix("\ufeff")
    text = _LINE_ENDS.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return text.strip()


def text_sha256(text: str) -> str:
    """Return the hex SHA-256 of the text's UTF-8 encoding."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
