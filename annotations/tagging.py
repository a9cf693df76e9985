"""The tag rules: how a tag is written, how long it may be, how many a claim may carry."""

import re
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError

MAX_TAG_LENGTH = 50
MAX_TAGS_PER_CLAIM = 20
# One tag per comma in a form field, so a tag itself never holds one.
SEPARATOR = ","
# What a tag may hold, for schemas and validators: no comma and no control character.
TAG_PATTERN = r"^[^,\x00-\x1f\x7f-\x9f]*$"
_SPACES = re.compile(r"\s+")


def normalize_tag(tag: str) -> str:
    """Return the tag as stored: NFC, trimmed, inner spaces collapsed, lower case."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", tag)).strip().lower()


def normalize_tags(tags: Iterable[str] | str) -> list[str]:
    """Return the tags normalised, duplicates and blanks dropped, in the order given.

    A string is split on commas, as a form sends it. Raise ValidationError on `tags` naming
    the tag that is too long, holds a control character, or when there are too many.
    """
    if isinstance(tags, str):
        tags = tags.split(SEPARATOR)
    result: list[str] = []
    for raw in tags:
        if not isinstance(raw, str):
            raise ValidationError({"tags": f"A tag must be text, not {type(raw).__name__}."})
        tag = normalize_tag(raw)
        if not tag or tag in result:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(
                {
                    "tags": f"The tag {tag[:20]!r}… is {len(tag)} characters long; use at most "
                    f"{MAX_TAG_LENGTH}."
                }
            )
        if SEPARATOR in tag or any(unicodedata.category(char) == "Cc" for char in tag):
            raise ValidationError(
                {"tags": f"The tag {tag!r} holds a comma or a control character."}
            )
        result.append(tag)
    if len(result) > MAX_TAGS_PER_CLAIM:
        raise ValidationError(
            {"tags": f"{len(result)} tags given; a claim may carry at most {MAX_TAGS_PER_CLAIM}."}
        )
    return result
