"""Public profiles: how people are named in public output, managed by editors and superusers."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from annotations.models import PublicProfile
from annotations.permissions import PUBLISH_CLAIM
from annotations.services import public_profile_set


def _manages_profiles(request: HttpRequest) -> bool:
    # Editors (who publish what carries the names) and superusers; a permission check reads
    # the permission cache the admin has already filled, where a role lookup would query.
    return request.user.is_active and request.user.has_perm(PUBLISH_CLAIM)


@admin.register(PublicProfile)
class PublicProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "public_name", "show_name_publicly", "updated_at")
    list_filter = ("show_name_publicly",)
    search_fields = ("public_name", "user__username")
    fields = ("user", "public_name", "show_name_publicly")
    autocomplete_fields = ("user",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[PublicProfile]:
        return super().get_queryset(request).select_related("user")

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> tuple[str, ...]:
        return ("user",) if obj is not None else ()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _manages_profiles(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return _manages_profiles(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _manages_profiles(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return _manages_profiles(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Unticking "show name publicly" withdraws the name; the row keeps its history simple.
        return False

    def save_model(self, request: HttpRequest, obj: PublicProfile, form, change: bool) -> None:
        # The form validated the input; the service applies the rule on who may change it.
        saved = public_profile_set(
            user=obj.user,
            actor=request.user,
            public_name=obj.public_name,
            show_name_publicly=obj.show_name_publicly,
        )
        obj.pk = saved.pk
