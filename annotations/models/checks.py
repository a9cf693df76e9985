"""Model validation that asks the database about all of a row's check constraints at once.

Django validates each `CheckConstraint` with a query of its own, inside a savepoint of its own
when a transaction is open: three round trips per constraint. A claim has nine, so saving one
cost 27 round trips before its own UPDATE. `OneQueryChecks.validate_constraints` evaluates
every check constraint of the row in one SELECT (one savepoint) and gives the same errors, in
the same order, as Django's own validation; unique constraints are validated as Django does.
"""

import logging
from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, CheckConstraint, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

logger = logging.getLogger(__name__)


def failed_checks(
    instance: models.Model,
    model: type[models.Model],
    checks: list[CheckConstraint],
    *,
    exclude: set[str] | None,
    using: str,
) -> set[int]:
    """Return the ids of the checks that `instance`'s values (as `model`'s fields) break."""
    against = instance._get_field_expression_map(meta=model._meta, exclude=exclude)
    query = Query(None)
    for name, value in against.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    asked = []
    for index, check in enumerate(checks):
        # As in SQL, a check that comes out unknown (NULL) passes.
        passes = Coalesce(Q(check.condition), True, output_field=BooleanField())
        try:
            query.add_annotation(passes, f"_check_{index}")
        except FieldError:
            continue  # it reads a field left out of validation: Django skips it too
        asked.append(check)
    if not asked:
        return set()
    connection = connections[using]
    # A savepoint keeps a query the database refuses from breaking the caller's transaction.
    guard = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
    try:
        with guard:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError as error:
        # Django's own check passes a constraint it cannot evaluate; the database still holds.
        logger.warning("Could not evaluate the check constraints of %s: %s", model.__name__, error)
        return set()
    return {id(check) for check, passes in zip(asked, row, strict=True) if not passes}


class OneQueryChecks(models.Model):
    """A model whose validation evaluates all its check constraints in one query."""

    class Meta:
        abstract = True

    def validate_constraints(self, exclude: set[str] | None = None) -> None:
        """Validate constraints as Django does, with every check constraint in one query."""
        connection = connections[router.db_for_write(self.__class__, instance=self)]
        if not connection.features.supports_comparing_boolean_expr:
            super().validate_constraints(exclude=exclude)
            return
        using = connection.alias
        errors: dict = {}
        for model, constraints in self.get_constraints():
            checks = [c for c in constraints if isinstance(c, CheckConstraint)]
            failed = failed_checks(self, model, checks, exclude=exclude, using=using)
            for constraint in constraints:
                try:
                    if isinstance(constraint, CheckConstraint):
                        if id(constraint) in failed:
                            raise ValidationError(
                                constraint.get_violation_error_message(),
                                code=constraint.violation_error_code,
                            )
                    else:
                        constraint.validate(model, self, exclude=exclude, using=using)
                except ValidationError as error:
                    # Django files a single field's uniqueness under that field.
                    fields = getattr(constraint, "fields", ())
                    if getattr(error, "code", None) == "unique" and len(fields) == 1:
                        errors.setdefault(fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
