"""Rating scales and their ratings: the labels verdicts are given in, kept by editors."""

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from annotations.models import Rating, RatingScale, Verdict
from annotations.public_cache import public_pages_changed
from annotations.rating_labels import shipped_text

T = TypeVar("T", Rating, RatingScale)


def rating_scale_save(*, scale: RatingScale, actor: AbstractBaseUser | None) -> RatingScale:
    """Create or change a rating scale after checking the actor's role and the scale's fields."""
    return _save(scale, actor, "ratingscale", "rating scales")


def rating_save(*, rating: Rating, actor: AbstractBaseUser | None) -> Rating:
    """Create or change one rating of a scale (retiring it included)."""
    return _save(rating, actor, "rating", "ratings")


def _save(instance: T, actor: AbstractBaseUser | None, model: str, things: str) -> T:
    """Save a new or changed scale or rating once the actor's role and its fields pass."""
    _require(actor, "add" if instance.pk is None else "change", model, things)
    instance.full_clean()
    instance.save()
    # Published verdicts show their rating's label, description and colour.
    public_pages_changed()
    return instance


def rating_delete(*, rating: Rating, actor: AbstractBaseUser | None) -> None:
    """Delete a rating nobody has used; one in use is refused (retire it instead)."""
    _require(actor, "delete", "rating", "ratings")
    with transaction.atomic():
        refusal = rating_deletion_refusal(rating)
        if refusal:
            raise ValidationError(refusal)
        rating.delete()


def rating_deletion_refusal(rating: Rating) -> str:
    """Return why the rating may not be deleted, or an empty string when it may."""
    if rating.pk is None:
        return ""
    used = Verdict.objects.filter(rating=rating).count()
    if not used:
        return ""
    return ngettext(
        "The rating “%(label)s” is used by %(count)s verdict, so it cannot be deleted: "
        "published fact-checks still show it. Tick “retired” instead to stop offering it.",
        "The rating “%(label)s” is used by %(count)s verdicts, so it cannot be deleted: "
        "published fact-checks still show it. Tick “retired” instead to stop offering it.",
        used,
    ) % {"label": shipped_text(rating.label), "count": used}


def _require(actor: AbstractBaseUser | None, verb: str, model: str, things: str) -> None:
    permission = f"annotations.{verb}_{model}"
    if actor is not None and actor.has_perm(permission):
        return
    raise PermissionDenied(
        _("Role rule: to %(verb)s %(things)s you need the editor role (%(permission)s).")
        % {"verb": verb, "things": things, "permission": permission}
    )
