"""Tags: short lower-case labels a desk puts on claims to group them (topics, campaigns)."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from annotations.models.fields import created_at_field, model_names, not_empty_constraint
from annotations.models.validation import LeanValidation
from annotations.tagging import MAX_TAG_LENGTH


class Tag(LeanValidation):
    """A label shared by the claims that carry it; its name is stored normalised."""

    name = models.CharField(max_length=MAX_TAG_LENGTH, unique=True, verbose_name=_("name"))
    created_at = created_at_field()

    class Meta(model_names(_("tag"), _("tags"))):
        ordering = ["name"]
        constraints = [
            not_empty_constraint("name", "tag_name_not_empty"),
            # Normalised names are lower case, so "Vaccines" and "vaccines" are one tag.
            models.CheckConstraint(condition=Q(name=Lower("name")), name="tag_name_lower_case"),
        ]

    def __str__(self) -> str:
        return self.name
