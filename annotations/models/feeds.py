"""Feed subscriptions (RSS 2.0, Atom, JSON Feed) and the entries already seen on each."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from annotations.models.fields import (
    created_at_field,
    model_names,
    optional_reference,
    required_reference,
    user_reference,
)
from annotations.models.validation import LeanValidation


class Feed(LeanValidation):
    """A feed polled every `interval_minutes`, conditionally, backing off after failures."""

    url = models.URLField(max_length=2000, unique=True, verbose_name=_("url"))
    title = models.CharField(max_length=300, blank=True, verbose_name=_("title"))
    # The language of its articles; empty lets each page say its own.
    language = models.CharField(max_length=35, blank=True, verbose_name=_("language"))
    interval_minutes = models.PositiveIntegerField(default=60, verbose_name=_("interval minutes"))
    etag = models.CharField(max_length=500, blank=True, verbose_name=_("etag"))
    last_modified = models.CharField(max_length=100, blank=True, verbose_name=_("last modified"))
    next_poll_at = models.DateTimeField(db_index=True, verbose_name=_("next poll at"))
    consecutive_failures = models.PositiveIntegerField(
        default=0, verbose_name=_("consecutive failures")
    )
    last_error = models.TextField(blank=True, verbose_name=_("last error"))
    last_error_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last error at"))
    last_polled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("last polled at"))
    active = models.BooleanField(default=True, verbose_name=_("active"))
    # Whose name new entries are imported under (and whose permission they need).
    created_by = user_reference(_("created by"))
    created_at = created_at_field()

    class Meta(model_names(_("feed"), _("feeds"))):
        ordering = ["title", "url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_minutes__gte=1), name="feed_interval_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class FeedEntry(models.Model):
    """An entry seen on a feed, once: a second poll finds it here and imports nothing."""

    feed = required_reference(Feed, _("feed"), related_name="entries")
    # An entry's id (Atom id, RSS guid, JSON Feed id, else its link), keyed by its hash since
    # ids may be longer than an index entry can hold.
    guid = models.TextField(verbose_name=_("guid"))
    guid_sha256 = models.CharField(max_length=64, verbose_name=_("guid sha256"))
    url = models.URLField(max_length=2000, verbose_name=_("url"))
    title = models.CharField(max_length=500, blank=True, verbose_name=_("title"))
    seen_at = models.DateTimeField(auto_now_add=True, verbose_name=_("seen at"))
    article = optional_reference("annotations.Article", _("article"), related_name="feed_entries")

    class Meta(model_names(_("feed entry"), _("feed entries"))):
        ordering = ["-seen_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid_sha256"], name="feed_entry_unique_guid"),
        ]

    def __str__(self) -> str:
        return self.title or self.url
