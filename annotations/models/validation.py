"""Model validation that asks the database only what it must, with Django's own errors.

Django validates each `CheckConstraint` with a query of its own, inside a savepoint of its own
when a transaction is open: three round trips per constraint. A claim has nine, so saving one
cost 27 round trips before its own UPDATE. `LeanValidation.validate_constraints` evaluates
every check constraint of the row in one SELECT (one savepoint) and gives the same errors, in
the same order, as Django's own validation; unique constraints are validated as Django does.

Django also looks up the row of every foreign key, even one set to a row just read from the
database (the claim an event records, the person acting). `LeanValidation.clean_fields`
leaves those out; the database's foreign key constraint still refuses a row deleted since.
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
    if not checks:
        return set()
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


def holds_row_read(instance: models.Model, field: models.Field) -> bool:
    """Tell whether the foreign key `field` of `instance` is set to a row read from the database."""
    if not field.many_to_one or field.remote_field.limit_choices_to or field.validators:
        return False
    if not field.is_cached(instance):
        return False
    row = field.get_cached_value(instance)
    return (
        row is not None
        and not row._state.adding
        and getattr(instance, field.attname) == getattr(row, field.target_field.attname)
    )


class LeanValidation(models.Model):
    """A model whose validation asks the database only what it must (see the module)."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude: set[str] | None = None) -> None:
        """Clean fields as Django does, without looking up a foreign key's row already read."""
        read = {field.name for field in self._meta.fields if holds_row_read(self, field)}
        super().clean_fields(exclude=set(exclude or ()) | read)

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
