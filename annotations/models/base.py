"""Abstract models for groups of fields that several tables carry with the same meaning."""

from simple_history.models import HistoricalRecords

from annotations.models.fields import created_at_field, updated_at_field
from annotations.models.validation import LeanValidation


class Timestamped(LeanValidation):
    """A row that keeps when it was created and when it was last saved."""

    created_at = created_at_field()
    updated_at = updated_at_field()

    class Meta:
        abstract = True


def timestamped_history(*untracked: str) -> HistoricalRecords:
    """Return the field history of a timestamped row, leaving out the named fields."""
    # A save's new `updated_at` is no change of its own; history's own date already says when.
    return HistoricalRecords(excluded_fields=[*untracked, "updated_at"])
