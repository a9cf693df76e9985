"""A person's notifications, their unread count and their email choices."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from annotations.models import Notification, NotificationKind, NotificationPreference
from annotations.permissions import ROLES


def notifications_for(*, user: AbstractBaseUser, unread: bool = False) -> QuerySet[Notification]:
    """Return the user's notifications, newest first, with the claim and actor joined."""
    notifications = Notification.objects.filter(recipient=user).select_related("claim", "actor")
    if unread:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-id")


def unread_count(*, user: AbstractBaseUser | AnonymousUser) -> int:
    """Return how many notifications the user has not read (0 for an anonymous visitor)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_kinds_of(user: AbstractBaseUser) -> list[str]:
    """Return the kinds of notification the user gets by email (every kind until they choose)."""
    preference = NotificationPreference.objects.filter(user=user).first()
    if preference is None:
        return list(NotificationKind.values)
    return list(preference.email_kinds)


def mentionable_users(*, query: str, limit: int = 10) -> QuerySet:
    """Return active desk members (anyone with a role) whose username starts with `query`."""
    username_field = get_user_model().USERNAME_FIELD
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name__in=ROLES) | Q(is_superuser=True),
            **{f"{username_field}__istartswith": query},
            is_active=True,
        )
        .distinct()
        .order_by(username_field)[:limit]
    )


def existing_usernames(usernames: set[str]) -> set[str]:
    """Return which of these usernames belong to active people (no query for none)."""
    if not usernames:
        return set()
    field = get_user_model().USERNAME_FIELD
    return set(
        get_user_model()
        .objects.filter(**{f"{field}__in": usernames}, is_active=True)
        .values_list(field, flat=True)
    )
