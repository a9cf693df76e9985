"""Intake records: how an article was fetched, and which article it may duplicate."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from annotations.models.articles import Article


class FetchRecord(models.Model):
    """One fetch of a page that became an article: where it was asked for, found and when."""

    requested_url = models.URLField(max_length=2000)
    final_url = models.URLField(max_length=2000, help_text=_("Where the redirects ended."))
    status = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100, blank=True)
    charset = models.CharField(max_length=40, blank=True)
    content_sha256 = models.CharField(
        max_length=64, help_text=_("SHA-256 of the bytes received (after transfer decoding).")
    )
    redirects = models.JSONField(default=list, blank=True)
    fetched_at = models.DateTimeField()
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="fetch_records")
    fetched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-fetched_at", "-id"]
        indexes = [
            models.Index(fields=["requested_url"], name="fetch_requested_url_idx"),
            models.Index(fields=["final_url"], name="fetch_final_url_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.final_url} ({self.status}, {self.fetched_at:%Y-%m-%d %H:%M})"


class ArticleFingerprint(models.Model):
    """An article's MinHash signature, kept to compare later imports with it."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="fingerprint"
    )
    minhash = models.BinaryField()

    def __str__(self) -> str:
        return f"fingerprint of article {self.article_id}"


class ArticleBand(models.Model):
    """One band key of an article's signature; a shared key marks a candidate near-duplicate."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=18, db_index=True)

    def __str__(self) -> str:
        return self.key


class PossibleDuplicate(models.Model):
    """An imported article whose text is close to an earlier one's (a rewritten story)."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="possible_duplicate"
    )
    duplicate_of = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    similarity = models.FloatField(help_text=_("Estimated share of three-word runs in common."))
    found_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"article {self.article_id} ≈ article {self.duplicate_of_id}"
