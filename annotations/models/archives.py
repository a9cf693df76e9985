"""Archived copies of sources: what a cited web page said when it was fetched."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from annotations.models.choices import ArchiveStatus
from annotations.models.fields import (
    choice_constraint,
    created_at_field,
    model_names,
    required_reference,
    user_reference,
)
from annotations.models.validation import LeanValidation


class SourceArchive(LeanValidation):
    """One attempt to archive a source's URL: the fetched text and its hash, or the error."""

    source = required_reference("annotations.Source", _("source"), related_name="archives")
    status = models.CharField(
        max_length=10,
        choices=ArchiveStatus.choices,
        default=ArchiveStatus.PENDING,
        verbose_name=_("status"),
    )
    requested_url = models.URLField(max_length=2000, verbose_name=_("requested url"))
    final_url = models.URLField(max_length=2000, blank=True, verbose_name=_("final url"))
    http_status = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("http status")
    )
    content_type = models.CharField(max_length=200, blank=True, verbose_name=_("content type"))
    text = models.TextField(blank=True, verbose_name=_("text"))
    sha256 = models.CharField(max_length=64, blank=True, verbose_name=_("sha256"))
    fetched_at = models.DateTimeField(null=True, blank=True, verbose_name=_("fetched at"))
    error = models.TextField(blank=True, verbose_name=_("error"))
    requested_by = user_reference(_("requested by"))
    created_at = created_at_field()

    class Meta(model_names(_("source archive"), _("source archives"))):
        ordering = ["source", "-created_at", "-id"]
        get_latest_by = "created_at"
        indexes = [models.Index(fields=["source", "status"], name="source_archive_status_idx")]
        constraints = [
            choice_constraint("status", ArchiveStatus, "source_archive_status_valid"),
            # An archived copy always says when it was fetched and what it hashed to.
            models.CheckConstraint(
                condition=~Q(status=ArchiveStatus.ARCHIVED)
                | (Q(fetched_at__isnull=False) & ~Q(sha256="")),
                name="source_archive_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.requested_url}"
