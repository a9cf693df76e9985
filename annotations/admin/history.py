"""Field history in the admin: read it, never write it back.

django-simple-history's history pages save a posted form and look rows up past the admin's
queryset. Here a history page shows only what the change list would show, and nothing posted
to it is saved: a record changes through the services, which keep the workflow's rules and
write its events, never by restoring an old version.
"""

from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

READ_ONLY_MESSAGE = _(
    "History is read-only: an earlier version cannot be saved or restored. Change the record "
    "through the workflow, which keeps its rules and records who changed what."
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """A model admin whose history list and versions obey its queryset and are never saved."""

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        self._require_visible(request, object_id)
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context=None
    ) -> HttpResponse:
        if request.method not in SAFE_METHODS:
            raise PermissionDenied(READ_ONLY_MESSAGE)
        self._require_visible(request, object_id)
        request.viewing_history = True
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if not getattr(request, "viewing_history", False):
            return readonly
        # Every field shown, so the version page offers nothing to type into. Not through
        # get_fieldsets(), which builds the form and so asks this method again.
        shown = (
            flatten_fieldsets(self.fieldsets)
            if self.fieldsets
            else [field.name for field in self.model._meta.fields if field.editable]
        )
        # A field only the form declares (a change form's hidden `seen_version`) has no value
        # on the record to show; it stays in the form, which this page never saves.
        shown = [name for name in shown if hasattr(self.model, name) or hasattr(self, name)]
        return tuple(dict.fromkeys([*readonly, *shown]))

    def revert_disabled(self, request: HttpRequest, obj=None) -> bool:
        return True

    def history_view_title(self, request: HttpRequest, obj) -> str:
        return f"History: {obj}"

    def history_form_view_title(self, request: HttpRequest, obj) -> str:
        return _("Earlier version of %(object)s") % {"object": obj}

    def _require_visible(self, request: HttpRequest, object_id: str) -> None:
        """Answer 404 for a row the change list would not show this user (a sealed review)."""
        pk_name = self.model._meta.pk.attname
        try:
            visible = self.get_queryset(request).filter(**{pk_name: unquote(object_id)}).exists()
        except (ValueError, TypeError):
            visible = False
        if not visible:
            raise Http404(
                _("No %(verbose_name)s with id %(object_id)r to show.")
                % {"verbose_name": self.model._meta.verbose_name, "object_id": object_id}
            )
