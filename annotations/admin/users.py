"""People and their roles: editors see who holds which role; only superusers grant power."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from annotations.permissions import ROLES

User = get_user_model()

# Fields that hand out power beyond a role; only a superuser may change them.
POWER_FIELDS = ("is_superuser", "is_staff", "user_permissions", "groups")

admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    list_display = (
        "username",
        "full_name",
        "email",
        "roles",
        "is_staff",
        "is_active",
        "last_login",
    )
    list_filter = ("groups", "is_staff", "is_superuser", "is_active")
    search_fields = ("username", "first_name", "last_name", "email")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("name"), ordering="last_name")
    def full_name(self, obj) -> str:
        return obj.get_full_name()

    @admin.display(description=_("roles"))
    def roles(self, obj) -> str:
        if obj.is_superuser:
            return _("superuser (every role)")
        names = sorted(group.name for group in obj.groups.all())
        return ", ".join(names) or "–"

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> tuple[str, ...]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        return (*readonly, *POWER_FIELDS)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Someone who is not a superuser may never edit a superuser (password included).
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        # The assignee autocomplete offers only people who can take claims.
        if request.GET.get("field_name") == "assignee":
            queryset = queryset.filter(
                Q(groups__name__in=ROLES) | Q(is_superuser=True), is_active=True
            ).distinct()
        return super().get_search_results(request, queryset, search_term)
