"""Moderation in the Django admin, one module per area; importing them registers the models.

Every write goes through the services and status never changes in a form: the admin keeps the
workflow's rules like the API and the browser do (see docs/moderation.md).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from annotations.admin import (
    articles,
    auth,
    claims,
    intake,
    people,
    ratings,
    sources,
    users,
    workflow,
)

admin.site.site_header = _("Factcheck moderation")
admin.site.site_title = _("Factcheck")
admin.site.index_title = _("Moderation")

__all__ = [
    "articles",
    "auth",
    "claims",
    "intake",
    "people",
    "ratings",
    "sources",
    "users",
    "workflow",
]
