"""Reads about people and what they write: public names, API tokens, comments."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from annotations.models import APIToken, Claim, Comment, PublicProfile
from annotations.permissions import MODERATE_COMMENT


def comments_for(*, claim: Claim, user: AbstractBaseUser) -> QuerySet[Comment]:
    """Return the claim's discussion in order; hidden comments only for moderators."""
    comments = Comment.objects.filter(claim=claim).select_related("author", "hidden_by")
    if not (user.is_authenticated and user.has_perm(MODERATE_COMMENT)):
        comments = comments.filter(hidden=False)
    return comments.order_by("created_at", "id")


def public_names() -> list[tuple[int, str, str]]:
    """Return (user id, username, public name) of everyone who chose to be named in public."""
    username = f"user__{get_user_model().USERNAME_FIELD}"
    return list(
        PublicProfile.objects.filter(show_name_publicly=True)
        .exclude(public_name="")
        .values_list("user_id", username, "public_name")
    )


def public_profile_of(*, user: AbstractBaseUser) -> PublicProfile | None:
    """Return the user's public profile, or None when they never set one."""
    return PublicProfile.objects.filter(user=user).first()


def api_tokens_of(*, user: AbstractBaseUser) -> QuerySet[APIToken]:
    """Return the user's API tokens, newest first, revoked and expired ones included."""
    return APIToken.objects.filter(user=user).order_by("-created_at", "-id")
