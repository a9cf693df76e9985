"""Each person's permissions read from the shared cache, forgotten whenever their roles change.

Django reads a person's permissions from the database (two queries, joining permissions,
content types and groups) on the first permission check of every request: every write and
every claim's page checks some. With `FACTCHECK_PERMISSION_CACHE_SECONDS` above 0 (the default
with Redis), `CachedPermissionsBackend` keeps the set in the cache under the person's id.

Any change of who holds which permission forgets the affected people's sets, now and again
once the change commits: a person added to or taken out of a group, a group's or a person's
permissions changed, a group or a permission deleted. Whether the account is active and a
superuser is read from the account on each request, never from the cache. A change made
without Django's signals (raw SQL) shows once the set expires.

Off without Redis: each process's memory would keep its own sets, which a change made in
another process (gunicorn runs several) could not forget.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, pre_delete


def permission_cache_seconds() -> int:
    """Return how long a person's permissions stay cached, in seconds (0: not cached)."""
    return max(0, int(getattr(settings, "FACTCHECK_PERMISSION_CACHE_SECONDS", 0)))


def _key(user_id: object) -> str:
    return f"permissions:{user_id}"


class CachedPermissionsBackend(ModelBackend):
    """Django's model backend, reading each person's permission set through the cache."""

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        seconds = permission_cache_seconds()
        if (
            not seconds
            or obj is not None
            or not user_obj.is_active
            or user_obj.is_anonymous
            or hasattr(user_obj, "_perm_cache")
        ):
            return super().get_all_permissions(user_obj, obj)
        key = _key(user_obj.pk)
        permissions = cache.get(key)
        if permissions is None:
            permissions = super().get_all_permissions(user_obj)
            cache.set(key, permissions, seconds)
        user_obj._perm_cache = set(permissions)
        return user_obj._perm_cache


def forget_permissions(user_ids: Iterable[object]) -> None:
    """Forget these people's cached permissions, now and once the transaction commits."""
    keys = [_key(user_id) for user_id in set(user_ids)]
    if not keys:
        return
    cache.delete_many(keys)
    # A request that read the old set before the change committed may have stored it since.
    transaction.on_commit(lambda: cache.delete_many(keys))


def _members(group_ids: Iterable[object]) -> list[object]:
    return list(
        get_user_model()
        .objects.filter(groups__in=list(group_ids))
        .values_list("pk", flat=True)
        .distinct()
    )


def _holders(permission_ids: Iterable[object]) -> list[object]:
    permission_ids = list(permission_ids)
    users = get_user_model().objects
    direct = users.filter(user_permissions__in=permission_ids).values_list("pk", flat=True)
    groups = Group.objects.filter(permissions__in=permission_ids).values_list("pk", flat=True)
    return [*direct, *_members(groups)]


# The changes of a many-to-many that alter who holds what: `pre_clear` reads the rows it ends.
_CHANGES = ("post_add", "post_remove", "pre_clear", "post_clear")


def _forget_on_change(
    forward_key: str, reverse_key: str, people: Callable[[list[object]], Iterable[object]]
) -> Callable[..., None]:
    """Return an m2m_changed handler forgetting the people a change of the relation concerns.

    `forward_key` and `reverse_key` name the through table's two keys (the relation's declared
    side first); `people` turns ids of the declared side into the people whose sets change.
    """

    def changed(sender, instance, action, reverse, pk_set, **_kwargs) -> None:
        if action not in _CHANGES:
            return
        if not reverse:
            ids = [instance.pk]
        elif action == "pre_clear":
            rows = sender.objects.filter(**{reverse_key: instance.pk})
            ids = list(rows.values_list(forward_key, flat=True))
        else:
            ids = list(pk_set or ())
        forget_permissions(people(ids))

    return changed


def _group_deleted(sender, instance, **_kwargs) -> None:
    forget_permissions(_members([instance.pk]))


def _permission_deleted(sender, instance, **_kwargs) -> None:
    forget_permissions(_holders([instance.pk]))


def connect() -> None:
    """Forget cached permissions on every change of who holds which permission."""
    user = get_user_model()
    people = list  # the forward side of a person's own relations is the person
    relations = (
        (user.groups.through, "user_id", "group_id", people, "groups"),
        (user.user_permissions.through, "user_id", "permission_id", people, "user-permissions"),
        (Group.permissions.through, "group_id", "permission_id", _members, "group-permissions"),
    )
    for through, forward, reverse, affected, name in relations:
        m2m_changed.connect(
            _forget_on_change(forward, reverse, affected),
            sender=through,
            weak=False,
            dispatch_uid=f"permission-cache-{name}",
        )
    pre_delete.connect(_group_deleted, sender=Group, dispatch_uid="permission-cache-group")
    pre_delete.connect(
        _permission_deleted, sender=Permission, dispatch_uid="permission-cache-permission"
    )
