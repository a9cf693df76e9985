"""How a person is named in public: their opt-in public profile."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from annotations.models import PublicProfile
from annotations.permissions import PUBLISH_CLAIM
from annotations.public_cache import public_pages_changed


def user_can_manage_public_profile(actor: AbstractBaseUser | None, user: AbstractBaseUser) -> bool:
    """Return whether the actor may change how the user is named in public."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    # Editors publish what carries the names (superusers hold every permission).
    return actor.pk == user.pk or actor.has_perm(PUBLISH_CLAIM)


@transaction.atomic
def public_profile_set(
    *,
    user: AbstractBaseUser,
    actor: AbstractBaseUser | None,
    public_name: str,
    show_name_publicly: bool,
) -> PublicProfile:
    """Set the user's public name and whether public output shows it instead of the desk's."""
    if not user_can_manage_public_profile(actor, user):
        raise PermissionDenied(
            _(
                "Role rule: only the person themself, an editor or a superuser can "
                "change how they are named in public."
            )
        )
    if "\x00" in public_name:
        raise ValidationError({"public_name": _("The public name may not contain NUL characters.")})
    profile = PublicProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        profile = PublicProfile(user=user)
    profile.public_name = " ".join(public_name.split())
    profile.show_name_publicly = show_name_publicly
    profile.full_clean()
    profile.save()
    # Published fact-checks and the feed credit people by this name.
    public_pages_changed()
    return profile


@transaction.atomic
def interface_language_set(
    *, user: AbstractBaseUser, actor: AbstractBaseUser | None, language: str
) -> PublicProfile | None:
    """Set the language the interface speaks to the user; blank follows their browser."""
    if actor is None or not actor.is_authenticated or actor.pk != user.pk:
        raise PermissionDenied(_("Only the person themself can choose their interface language."))
    offered = dict(settings.LANGUAGES)
    if language and language not in offered:
        raise ValidationError(
            {
                "interface_language": _(
                    "“%(language)s” is not a language of this site; choose one of: %(offered)s."
                )
                % {"language": language, "offered": ", ".join(offered)}
            }
        )
    profile = PublicProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        if not language:
            return None  # following the browser is what no profile means already
        profile = PublicProfile(user=user)
    profile.interface_language = language
    profile.full_clean()
    profile.save()
    return profile
