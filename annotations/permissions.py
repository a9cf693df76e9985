"""Roles and the predicates that the services, API, admin and templates share."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

ANNOTATOR = "annotator"
REVIEWER = "reviewer"
EDITOR = "editor"
ROLES = (ANNOTATOR, REVIEWER, EDITOR)

_MODELS = ("article", "claim", "source", "evidence", "ratingscale", "rating", "verdict", "tag")

# Permissions each role's group holds (app label "annotations" unless qualified).
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    ANNOTATOR: (
        *(f"view_{model}" for model in _MODELS),
        "view_reviewevent",
        "view_comment",
        "view_correction",
        "add_article",
        "change_article",
        "add_claim",
        "change_claim",
        "add_source",
        "change_source",
        "add_evidence",
        "change_evidence",
        "delete_evidence",
        "add_verdict",
        "change_verdict",
        "add_comment",
        "research_claim",
    ),
    REVIEWER: (
        *(f"view_{model}" for model in _MODELS),
        "view_reviewevent",
        "view_comment",
        "view_correction",
        "add_verdict",
        "change_verdict",
        "add_comment",
        "review_claim",
    ),
    EDITOR: (
        *(f"{verb}_{model}" for verb in ("view", "add", "change") for model in _MODELS),
        "delete_rating",
        "delete_evidence",
        "view_reviewevent",
        "view_comment",
        "add_comment",
        "change_comment",
        "view_correction",
        "research_claim",
        "review_claim",
        "publish_claim",
        "assign_claim",
        "moderate_comment",
        "view_authevent",
        "auth.view_user",
        "auth.view_group",
    ),
}


def user_roles(user: AbstractBaseUser | AnonymousUser) -> set[str]:
    """Return the role names the user holds (superusers hold every role)."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(ROLES)
    cached = getattr(user, "_factcheck_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._factcheck_roles = cached
    return cached


RESEARCH_CLAIM = "annotations.research_claim"
REVIEW_CLAIM = "annotations.review_claim"
PUBLISH_CLAIM = "annotations.publish_claim"
ASSIGN_CLAIM = "annotations.assign_claim"
MODERATE_COMMENT = "annotations.moderate_comment"


def user_can_research(user: AbstractBaseUser | AnonymousUser, claim) -> bool:
    """Return whether the user may change the claim's research (evidence, proposed verdict).

    A claim assigned to someone is theirs to research; editors (who assign) may step in.
    """
    if not user.is_authenticated or not user.has_perm(RESEARCH_CLAIM):
        return False
    return claim.assignee_id in (None, user.pk) or user.has_perm(ASSIGN_CLAIM)


def require_research(actor: AbstractBaseUser | None, claim, *, doing: str) -> None:
    """Raise PermissionDenied naming the rule unless the actor may change the claim's research.

    `doing` completes "... can <doing>" and "to <doing> you need ...", e.g. "edit it".
    """
    if actor is not None and user_can_research(actor, claim):
        return
    if claim.assignee_id and actor is not None and actor.has_perm(RESEARCH_CLAIM):
        raise PermissionDenied(
            _(
                "Assignment rule: claim %(pk)s is assigned to %(assignee)s; only they or an "
                "editor can %(doing)s."
            )
            % {"pk": claim.pk, "assignee": claim.assignee.get_username(), "doing": doing}
        )
    raise PermissionDenied(
        _("Role rule: to %(doing)s you need the annotator or editor role (%(permission)s).")
        % {"doing": doing, "permission": RESEARCH_CLAIM}
    )


def user_can_publish(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Return whether the user may publish, dismiss, restore, reopen and adjudicate."""
    return user.is_authenticated and user.has_perm(PUBLISH_CLAIM)


def user_can_moderate(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Return whether the user may hide and unhide comments."""
    return user.is_authenticated and user.has_perm(MODERATE_COMMENT)


VIEW_REVIEW_HISTORY = "annotations.view_reviewevent"


def user_can_see_internal_history(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Return whether the user may read the review's internal work (usernames, comments, notes)."""
    return user.is_authenticated and user.has_perm(VIEW_REVIEW_HISTORY)
