"""The review workflow's service: `claim_transition` and its assign/unassign shorthands."""

from annotations.services.workflow.transition import (
    claim_assign,
    claim_transition,
    claim_unassign,
)

__all__ = ["claim_assign", "claim_transition", "claim_unassign"]
