"""Errors the services raise besides Django's ValidationError and PermissionDenied."""


class ConflictError(Exception):
    """The caller acted on a state of the claim that has changed meanwhile."""

    def __init__(
        self,
        message: str,
        *,
        current_version: int | None = None,
        current_status: str | None = None,
        changed_by: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.current_version = current_version
        self.current_status = current_status
        self.changed_by = changed_by
