"""People as the public sees them: a display name, shown only where its owner opted in."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from annotations.models.fields import model_names, settings_owner, updated_at_field
from annotations.models.validation import LeanValidation


class PublicProfile(LeanValidation):
    """A person's opt-in public name; without it, public output credits the organisation."""

    user = settings_owner("public_profile")
    public_name = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("The name readers see (never the login name)."),
        verbose_name=_("public name"),
    )
    show_name_publicly = models.BooleanField(
        default=False,
        help_text=_("Credit this person by name on public pages, feeds and exports."),
        verbose_name=_("show name publicly"),
    )
    # A code from settings.LANGUAGES, checked by the service (choices here would write the
    # settings' list into every migration); blank follows the browser.
    interface_language = models.CharField(
        max_length=10,
        blank=True,
        help_text=_("The language of the interface for this person; blank follows the browser."),
        verbose_name=_("interface language"),
    )
    updated_at = updated_at_field()

    class Meta(model_names(_("public profile"), _("public profiles"))):
        constraints = [
            models.CheckConstraint(
                condition=Q(show_name_publicly=False) | ~Q(public_name=""),
                name="public_profile_name_when_shown",
                violation_error_message=_("A public name is required to show it publicly."),
            ),
        ]

    def __str__(self) -> str:
        return self.public_name or f"profile of user {self.user_id}"

    @property
    def shown_name(self) -> str:
        """Return the name to show the public, or an empty string when not opted in."""
        return self.public_name.strip() if self.show_name_publicly else ""
