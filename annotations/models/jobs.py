"""Background jobs: a batch of work (URLs to import, a feed's new entries) and its items."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    URL_IMPORT = "url_import", _("Import from URLs")
    FEED_POLL = "feed_poll", _("New entries of a feed")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    PARTLY_FAILED = "partly_failed", _("Partly failed")


class JobItemStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """A batch of work run by the workers, with its progress (done and failed out of total)."""

    kind = models.CharField(max_length=20, choices=JobKind.choices)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    # What every item of the job is imported with: {"split": bool, "language": str}.
    options = models.JSONField(default=dict, blank=True)
    feed = models.ForeignKey(
        "annotations.Feed", null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="job_owner_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=JobKind.values), name="job_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values), name="job_status_valid"
            ),
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


class JobItem(models.Model):
    """One unit of a job: a URL to import. Keyed by (job, URL hash), so it is done once."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    url = models.URLField(max_length=2000)
    url_sha256 = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=JobItemStatus.choices, default=JobItemStatus.QUEUED
    )
    message = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    article = models.ForeignKey(
        "annotations.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feed_entry = models.ForeignKey(
        "annotations.FeedEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="job_items",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "url_sha256"], name="job_item_unique_url"),
            models.CheckConstraint(
                condition=Q(status__in=JobItemStatus.values), name="job_item_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.url
