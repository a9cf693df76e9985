"""The authentication log (editors read it) and API tokens (superusers may revoke them)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from annotations.admin.base import BulkOutcome, ReadOnlyAdmin
from annotations.models import APIToken, AuthEvent
from annotations.services.auth import api_token_revoke


@admin.register(AuthEvent)
class AuthEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "kind", "username", "actor", "ip_address", "detail")
    list_filter = ("kind", "at")
    search_fields = ("username", "detail")
    date_hierarchy = "at"
    list_select_related = ("actor",)
    fields = ("at", "kind", "user", "username", "actor", "ip_address", "detail")
    readonly_fields = fields


@admin.register(APIToken)
class APITokenAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "user",
        "key_prefix",
        "state",
        "created_at",
        "expires_at",
        "last_used_at",
    )
    list_filter = ("created_at", "expires_at", "revoked_at")
    search_fields = ("name", "user__username", "key_prefix")
    list_select_related = ("user",)
    fields = (
        "user",
        "name",
        "key_prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_reason",
    )
    readonly_fields = fields
    actions = ("revoke",)

    @admin.display(description=_("state"))
    def state(self, obj: APIToken) -> str:
        return obj.state

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[APIToken]) -> None:
        BulkOutcome().run(
            queryset,
            lambda token: api_token_revoke(
                token=token, actor=request.user, reason="revoked in the admin", request=request
            ),
        ).report(request, verb=_("Revoked"), noun=(_("token"), _("tokens")))
