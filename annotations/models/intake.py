"""Intake records: how an article was fetched, and which article it may duplicate."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from annotations.models.articles import Article
from annotations.models.fields import model_names, required_reference, user_reference


def article_extension(related_name: str) -> models.OneToOneField:
    """Return the article a row adds to, one row at most per article, keyed by it."""
    return models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name=related_name,
        verbose_name=_("article"),
    )


class FetchRecord(models.Model):
    """One fetch of a page that became an article: where it was asked for, found and when."""

    requested_url = models.URLField(max_length=2000, verbose_name=_("requested url"))
    final_url = models.URLField(
        max_length=2000, help_text=_("Where the redirects ended."), verbose_name=_("final url")
    )
    status = models.PositiveSmallIntegerField(verbose_name=_("status"))
    content_type = models.CharField(max_length=100, blank=True, verbose_name=_("content type"))
    charset = models.CharField(max_length=40, blank=True, verbose_name=_("charset"))
    content_sha256 = models.CharField(
        max_length=64,
        help_text=_("SHA-256 of the bytes received (after transfer decoding)."),
        verbose_name=_("content sha256"),
    )
    redirects = models.JSONField(default=list, blank=True, verbose_name=_("redirects"))
    fetched_at = models.DateTimeField(verbose_name=_("fetched at"))
    article = required_reference(Article, _("article"), related_name="fetch_records")
    fetched_by = user_reference(_("fetched by"))

    class Meta(model_names(_("fetch record"), _("fetch records"))):
        ordering = ["-fetched_at", "-id"]
        indexes = [
            models.Index(fields=["requested_url"], name="fetch_requested_url_idx"),
            models.Index(fields=["final_url"], name="fetch_final_url_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.final_url} ({self.status}, {self.fetched_at:%Y-%m-%d %H:%M})"


class ArticleFingerprint(models.Model):
    """An article's MinHash signature, kept to compare later imports with it."""

    article = article_extension("fingerprint")
    minhash = models.BinaryField(verbose_name=_("minhash"))

    Meta = model_names(_("article fingerprint"), _("article fingerprints"))

    def __str__(self) -> str:
        return f"fingerprint of article {self.article_id}"


class ArticleBand(models.Model):
    """One band key of an article's signature; a shared key marks a candidate near-duplicate."""

    article = required_reference(Article, _("article"))
    key = models.CharField(max_length=18, verbose_name=_("key"))

    class Meta(model_names(_("article band"), _("article bands"))):
        # Who shares a key, newest first: near_duplicate_candidates reads a few per key.
        indexes = [models.Index(fields=["key", "-article"], name="articleband_key_article_idx")]

    def __str__(self) -> str:
        return self.key


class PossibleDuplicate(models.Model):
    """An imported article whose text is close to an earlier one's (a rewritten story)."""

    article = article_extension("possible_duplicate")
    duplicate_of = required_reference(Article, _("duplicate of"))
    similarity = models.FloatField(
        help_text=_("Estimated share of three-word runs in common."), verbose_name=_("similarity")
    )
    found_at = models.DateTimeField(auto_now_add=True, verbose_name=_("found at"))

    Meta = model_names(_("possible duplicate"), _("possible duplicates"))

    def __str__(self) -> str:
        return f"article {self.article_id} ≈ article {self.duplicate_of_id}"
