"""Background jobs: a batch of work (URLs to import, a feed's new entries) and its items."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from annotations.models.choices import JobItemStatus, JobKind, JobStatus
from annotations.models.fields import (
    choice_constraint,
    created_at_field,
    model_names,
    optional_reference,
    required_reference,
    updated_at_field,
    user_reference,
)
from annotations.models.validation import LeanValidation


class Job(LeanValidation):
    """A batch of work run by the workers, with its progress (done and failed out of total)."""

    kind = models.CharField(max_length=20, choices=JobKind.choices, verbose_name=_("kind"))
    status = models.CharField(
        max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED, verbose_name=_("status")
    )
    total = models.PositiveIntegerField(default=0, verbose_name=_("total"))
    done = models.PositiveIntegerField(default=0, verbose_name=_("done"))
    failed = models.PositiveIntegerField(default=0, verbose_name=_("failed"))
    # What every item of the job is imported with: {"split": bool, "language": str}.
    options = models.JSONField(default=dict, blank=True, verbose_name=_("options"))
    feed = optional_reference("annotations.Feed", _("feed"), related_name="jobs")
    created_by = user_reference(_("created by"))
    created_at = created_at_field()
    started_at = models.DateTimeField(null=True, blank=True, verbose_name=_("started at"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished at"))

    class Meta(model_names(_("job"), _("jobs"))):
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="job_owner_idx")]
        constraints = [
            choice_constraint("kind", JobKind, "job_kind_valid"),
            choice_constraint("status", JobStatus, "job_status_valid"),
            models.CheckConstraint(
                condition=Q(done__lte=models.F("total") - models.F("failed")),
                name="job_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("job-detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.done + self.failed >= self.total


class JobItem(LeanValidation):
    """One unit of a job: a URL to import. Keyed by (job, URL hash), so it is done once."""

    job = required_reference(Job, _("job"), related_name="items")
    position = models.PositiveIntegerField(verbose_name=_("position"))
    url = models.URLField(max_length=2000, verbose_name=_("url"))
    url_sha256 = models.CharField(max_length=64, verbose_name=_("url sha256"))
    status = models.CharField(
        max_length=10,
        choices=JobItemStatus.choices,
        default=JobItemStatus.QUEUED,
        verbose_name=_("status"),
    )
    message = models.TextField(blank=True, verbose_name=_("message"))
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    article = optional_reference("annotations.Article", _("article"))
    feed_entry = optional_reference(
        "annotations.FeedEntry", _("feed entry"), related_name="job_items"
    )
    updated_at = updated_at_field()

    class Meta(model_names(_("job item"), _("job items"))):
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "url_sha256"], name="job_item_unique_url"),
            choice_constraint("status", JobItemStatus, "job_item_status_valid"),
        ]

    def __str__(self) -> str:
        return self.url
