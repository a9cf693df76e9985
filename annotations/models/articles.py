"""Articles: the texts that claims point into."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from annotations.models.base import Timestamped, timestamped_history
from annotations.models.fields import (
    model_names,
    not_empty_constraint,
    unique_when_set_constraint,
    user_reference,
)

# Where the article comes from, in the order the API and the exports list them.
ARTICLE_PROVENANCE_FIELDS = (
    "publisher",
    "dateline",
    "author",
    "language",
    "published_at",
    "text_sha256",
)
# The refusal of a second article with the same URL, whether the check or the database finds it.
ARTICLE_URL_TAKEN = _("An article with this URL already exists.")


class Article(Timestamped):
    """An imported news text; every claim offset points into `text`."""

    title = models.CharField(max_length=500, blank=True, verbose_name=_("title"))
    url = models.URLField(max_length=2000, blank=True, verbose_name=_("url"))
    publisher = models.CharField(max_length=200, blank=True, verbose_name=_("publisher"))
    dateline = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Place or desk credited with the article."),
        verbose_name=_("dateline"),
    )
    author = models.CharField(max_length=200, blank=True, verbose_name=_("author"))
    language = models.CharField(
        max_length=35, default="en", help_text=_("BCP 47 tag, e.g. en."), verbose_name=_("language")
    )
    published_at = models.DateField(null=True, blank=True, verbose_name=_("published at"))
    text = models.TextField(
        help_text=_("Canonical plain text (NFC, \\n line ends); claim offsets point into it."),
        verbose_name=_("text"),
    )
    html = models.TextField(
        blank=True, help_text=_("Sanitised HTML of the original, when any."), verbose_name=_("html")
    )
    original = models.TextField(
        blank=True,
        help_text=_("The input exactly as it arrived, kept for provenance."),
        verbose_name=_("original"),
    )
    original_filename = models.CharField(
        max_length=255, blank=True, verbose_name=_("original filename")
    )
    text_sha256 = models.CharField(
        max_length=64, db_index=True, editable=False, verbose_name=_("text sha256")
    )
    created_by = user_reference(_("created by"))

    # Who changed the metadata, and from what; the text never changes, so it is not copied.
    history = timestamped_history("text", "html", "original")

    class Meta(model_names(_("article"), _("articles"))):
        ordering = ["-created_at", "-id"]
        constraints = [
            unique_when_set_constraint("url", "article_url_unique_when_set", ARTICLE_URL_TAKEN),
            not_empty_constraint("text", "article_text_not_empty"),
        ]
        indexes = [models.Index(fields=["-created_at"], name="article_created_idx")]

    def __str__(self) -> str:
        return self.title or self.text[:60]

    def get_absolute_url(self) -> str:
        return reverse("article-detail", args=[self.pk])
