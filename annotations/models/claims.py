"""Claims: exact spans of an article's text, moving through the review workflow."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from annotations.anchoring import CONTEXT_LENGTH
from annotations.models.base import Timestamped, timestamped_history
from annotations.models.choices import ClaimantType, ClaimOrigin, ClaimStatus
from annotations.models.fields import (
    choice_constraint,
    model_names,
    required_reference,
    user_reference,
)

# The claim's anchor and wording, in the order the API and the exports list them.
CLAIM_TEXT_FIELDS = (
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "claim_text",
    "claimant",
    "claimant_type",
    "claim_date",
)


class Claim(Timestamped):
    """A span of an article's text (code points, half-open) that someone may check."""

    article = required_reference(
        "annotations.Article", _("article"), related_name="claims", on_delete=models.PROTECT
    )
    start = models.PositiveIntegerField(
        help_text=_("First code point of the quote in the text."), verbose_name=_("start")
    )
    end = models.PositiveIntegerField(
        help_text=_("Code point just after the quote."), verbose_name=_("end")
    )
    quote = models.TextField(
        help_text=_("The article text between start and end, kept for integrity."),
        verbose_name=_("quote"),
    )
    prefix = models.CharField(max_length=CONTEXT_LENGTH, blank=True, verbose_name=_("prefix"))
    suffix = models.CharField(max_length=CONTEXT_LENGTH, blank=True, verbose_name=_("suffix"))
    claim_text = models.TextField(
        help_text=_("The claim restated so it stands alone."), verbose_name=_("claim text")
    )
    claimant = models.CharField(
        max_length=300, blank=True, help_text=_("Who made the claim."), verbose_name=_("claimant")
    )
    # Rows from before the field existed were published as a Person, so that stays the default.
    claimant_type = models.CharField(
        max_length=12,
        choices=ClaimantType.choices,
        default=ClaimantType.PERSON,
        help_text=_("Whether the claimant is a person or an organization."),
        verbose_name=_("claimant type"),
    )
    claim_date = models.DateField(
        null=True, blank=True, help_text=_("When the claim was made."), verbose_name=_("claim date")
    )
    checkworthiness = models.FloatField(null=True, blank=True, verbose_name=_("checkworthiness"))
    reasons = models.JSONField(default=list, blank=True, verbose_name=_("reasons"))
    origin = models.CharField(
        max_length=10,
        choices=ClaimOrigin.choices,
        default=ClaimOrigin.MANUAL,
        verbose_name=_("origin"),
    )
    status = models.CharField(
        max_length=20,
        choices=ClaimStatus.choices,
        default=ClaimStatus.CANDIDATE,
        editable=False,
        verbose_name=_("status"),
    )
    assignee = user_reference(_("assignee"), related_name="assigned_claims")
    researcher = user_reference(
        _("researcher"),
        related_name="researched_claims",
        editable=False,
        help_text=_("Who submitted the claim for review; may not review it (four-eyes rule)."),
    )
    created_by = user_reference(_("created by"))
    tags = models.ManyToManyField(
        "annotations.Tag", blank=True, related_name="claims", verbose_name=_("tags")
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))
    published_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("published at")
    )

    history = timestamped_history()

    class Meta(model_names(_("claim"), _("claims"))):
        ordering = ["article", "start", "end"]
        permissions = [
            ("research_claim", "Can start research on claims and submit them for review"),
            ("review_claim", "Can approve claims or request changes"),
            ("publish_claim", "Can publish, dismiss, restore and reopen claims"),
            ("assign_claim", "Can assign claims to other people"),
            ("moderate_comment", "Can hide and unhide comments"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__gte=0), name="claim_start_not_negative"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_start_before_end"),
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("quote")), name="claim_quote_matches_span"
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__isnull=True)
                | Q(checkworthiness__gte=0, checkworthiness__lte=1),
                name="claim_checkworthiness_0_to_1",
            ),
            choice_constraint("status", ClaimStatus, "claim_status_valid"),
            choice_constraint("origin", ClaimOrigin, "claim_origin_valid"),
            choice_constraint("claimant_type", ClaimantType, "claim_claimant_type_valid"),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="claim_published_has_date",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                name="claim_span_unique_per_article",
                violation_error_message=_("A claim with this span already exists in the article."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-checkworthiness"], name="claim_status_idx"),
            models.Index(fields=["assignee", "status"], name="claim_assignee_idx"),
            models.Index(fields=["researcher", "status"], name="claim_researcher_idx"),
            # The order of every claims page (cursor pagination): read in index order, no sort.
            models.Index(fields=["-updated_at", "-id"], name="claim_updated_id_idx"),
            models.Index(fields=["published_at"], name="claim_published_idx"),
        ]

    def __str__(self) -> str:
        text = self.claim_text or self.quote
        return text if len(text) <= 80 else text[:79] + "…"
