"""How output names people: by username for the desk, by public credit for everyone else.

Usernames are login names, so public output never carries them. Readers see the organisation
(`FACTCHECK_ORGANIZATION_NAME`) where a person worked, or that person's public name when they
opted in on their public profile.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings

from annotations import selectors


@dataclass(frozen=True)
class Credits:
    """Name the people behind a fact-check, internally or for the public."""

    internal: bool
    organization: str = ""
    by_username: Mapping[str, str] = field(default_factory=dict)
    by_id: Mapping[int, str] = field(default_factory=dict)

    @classmethod
    def for_desk(cls) -> "Credits":
        """Return credits that name people by username (staff output only)."""
        return cls(internal=True)

    @classmethod
    def for_public(cls) -> "Credits":
        """Return credits that name the organisation, or a person who opted in, by public name."""
        names = selectors.public_names()
        return cls(
            internal=False,
            organization=settings.FACTCHECK_ORGANIZATION_NAME,
            by_username={username: name for _, username, name in names},
            by_id={pk: name for pk, _, name in names},
        )

    def name(self, user) -> str | None:
        """Return how this output names the user (None for nobody)."""
        if user is None:
            return None
        username = user.get_username()
        if self.internal:
            return username
        return self.by_username.get(username, self.organization)

    def name_by_id(self, user_id: int | None) -> str | None:
        """Return the public credit of a user known only by id (None for nobody)."""
        if user_id is None:
            return None
        return self.by_id.get(user_id, self.organization)

    def public_name(self, user) -> str | None:
        """Return the user's opted-in public name, or None where they did not opt in."""
        return self.by_username.get(user.get_username()) if user is not None else None
