"""DRF permission classes: the roles of `annotations.permissions`, as the API sees them."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission


class ModelPermissionOrReadOnly(BasePermission):
    """Reads for anyone the view lets in; writes need the model's add/change permission."""

    message = _("Your role does not allow this change.")

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        if not _offers(view, request.method):
            # No role may use a method the endpoint does not have: let the view answer 405.
            return True
        model = view.write_model if hasattr(view, "write_model") else view.queryset.model
        verb = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}.get(
            request.method, "change"
        )
        codename = f"{model._meta.app_label}.{verb}_{model._meta.model_name}"
        if not request.user.has_perm(codename):
            self.message = _("Your role does not allow this change (needs %(permission)s).") % {
                "permission": codename
            }
            return False
        return True


class AuthenticatedOrPublicRead(BasePermission):
    """Anonymous visitors may read what the view limits to public data; writes need sign-in."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or bool(request.user.is_authenticated)


def _offers(view, method: str) -> bool:
    """Return whether the view has a handler for the method (as DRF's dispatch looks it up)."""
    name = method.lower()
    return name in view.http_method_names and hasattr(view, name)
