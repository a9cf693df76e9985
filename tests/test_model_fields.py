"""The shared declarations of annotations/models/ give each model the same fields and options."""

import pytest
from django.conf import settings
from django.db import models

from annotations.models import (
    Article,
    ArticleBand,
    Claim,
    Evidence,
    Notification,
    Tag,
    Verdict,
)
from annotations.models.base import Timestamped, timestamped_history
from annotations.models.fields import model_names, optional_reference, required_reference


def test_model_names_names_the_model_in_both_numbers() -> None:
    meta = model_names("thing", "things")
    assert (meta.verbose_name, meta.verbose_name_plural) == ("thing", "things")


@pytest.mark.parametrize(
    ("model", "singular", "plural", "ordering"),
    [
        (Tag, "tag", "tags", ["name"]),
        (Evidence, "evidence", "evidence", ["claim", "created_at", "id"]),
        (ArticleBand, "article band", "article bands", []),
    ],
)
def test_a_meta_built_on_model_names_keeps_its_own_options(
    model: type[models.Model], singular: str, plural: str, ordering: list[str]
) -> None:
    assert str(model._meta.verbose_name) == singular
    assert str(model._meta.verbose_name_plural) == plural
    assert model._meta.ordering == ordering
    # The names reach the migrations' state like options written in the Meta itself.
    assert {"verbose_name", "verbose_name_plural"} <= set(model._meta.original_attrs)


def test_required_reference_goes_with_its_target_unless_told_otherwise() -> None:
    field = required_reference("annotations.Claim", "claim")
    assert field.remote_field.on_delete is models.CASCADE
    assert field.remote_field.related_name == "+"
    assert not field.null
    protected = Claim._meta.get_field("article")
    assert protected.remote_field.on_delete is models.PROTECT
    assert protected.remote_field.related_name == "claims"


def test_optional_reference_empties_unless_told_otherwise() -> None:
    field = optional_reference("annotations.Claim", "claim")
    assert field.remote_field.on_delete is models.SET_NULL
    assert field.null and field.blank
    claim = Notification._meta.get_field("claim")
    assert claim.remote_field.on_delete is models.CASCADE
    assert claim.null and claim.blank
    assert Notification._meta.get_field("recipient").remote_field.model._meta.label == (
        settings.AUTH_USER_MODEL
    )


@pytest.mark.parametrize("model", [Article, Claim, Evidence, Verdict])
def test_timestamped_rows_keep_both_moments_and_leave_updated_at_out_of_history(
    model: type[models.Model],
) -> None:
    assert issubclass(model, Timestamped)
    assert model._meta.get_field("created_at").auto_now_add
    assert model._meta.get_field("updated_at").auto_now
    tracked = {field.name for field in model.history.model._meta.fields}
    assert "created_at" in tracked
    assert "updated_at" not in tracked


def test_article_history_also_leaves_out_the_text() -> None:
    tracked = {field.name for field in Article.history.model._meta.fields}
    assert tracked.isdisjoint({"text", "html", "original", "updated_at"})
    assert timestamped_history("text").excluded_fields == ["text", "updated_at"]
