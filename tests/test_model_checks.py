"""Model validation asks the database only what it must, and answers with Django's errors."""

import logging
from unittest import mock

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.models import CheckConstraint
from django.test.utils import CaptureQueriesContext

from annotations.models import (
    Article,
    Claim,
    ClaimStatus,
    Job,
    JobKind,
    ReviewAction,
    ReviewEvent,
    Tag,
)
from annotations.models.validation import LeanValidation
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory


def _errors(validate) -> dict | None:
    try:
        validate()
    except ValidationError as error:
        return error.message_dict
    return None


def _both(instance, exclude=None) -> tuple[dict | None, dict | None]:
    """Return (ours, Django's) errors for the instance's constraints."""
    ours = _errors(lambda: instance.validate_constraints(exclude=exclude))
    django = _errors(lambda: models.Model.validate_constraints(instance, exclude=exclude))
    return ours, django


def test_every_model_with_check_constraints_validates_them_in_one_query():
    checked = [
        model
        for model in apps.get_app_config("annotations").get_models()
        if any(isinstance(c, CheckConstraint) for c in model._meta.constraints)
    ]
    assert checked
    assert [m.__name__ for m in checked if not issubclass(m, LeanValidation)] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "broken",
    [
        {"checkworthiness": 1.5},
        {"start": 4, "end": 4, "quote": ""},
        {"end": 2},  # the quote no longer matches the span
        {"status": "lost"},
        {"origin": "nowhere", "claimant_type": "robot"},
        {"status": ClaimStatus.PUBLISHED, "published_at": None, "version": 0},
        {"start": 9, "end": 3, "checkworthiness": -1, "version": 0},
    ],
)
def test_broken_claims_get_exactly_djangos_errors(broken):
    claim = ClaimFactory()
    for field, value in broken.items():
        setattr(claim, field, value)
    ours, django = _both(claim)
    assert django is not None
    assert ours == django


@pytest.mark.django_db
def test_a_sound_claim_passes_and_a_taken_span_is_still_refused():
    claim = ClaimFactory()
    assert _both(claim) == (None, None)
    twin = Claim(
        article=claim.article,
        start=claim.start,
        end=claim.end,
        quote=claim.quote,
        claim_text="Again.",
    )
    ours, django = _both(twin)
    assert ours == django
    assert "A claim with this span already exists in the article." in str(ours)


@pytest.mark.django_db
def test_other_models_get_djangos_errors_too():
    source = SourceFactory()
    source.title = ""
    source.kind = "rumour"
    job = Job(kind=JobKind.choices[0][0], total=2, done=2, failed=1)
    tag = Tag(name="Vaccines")
    for instance in (source, job, tag):
        ours, django = _both(instance)
        assert ours == django
    assert all(_both(instance)[0] for instance in (source, job, tag))


@pytest.mark.django_db
def test_a_check_on_an_excluded_field_is_skipped_as_django_skips_it():
    claim = ClaimFactory()
    claim.checkworthiness = 7
    claim.version = 0
    ours, django = _both(claim, exclude={"checkworthiness"})
    assert ours == django
    assert "checkworthiness" not in str(ours)
    assert ours is not None  # the version's check still ran


@pytest.mark.django_db
def test_an_unknown_outcome_passes_as_in_sql():
    claim = ClaimFactory()
    claim.checkworthiness = None  # `checkworthiness >= 0` is unknown, the check allows NULL
    assert _both(claim) == (None, None)


@pytest.mark.django_db
def test_nine_checks_cost_one_query_inside_a_transaction():
    claim = ClaimFactory()
    with transaction.atomic():
        with CaptureQueriesContext(connection) as ours:
            claim.validate_constraints()
        with CaptureQueriesContext(connection) as django:
            models.Model.validate_constraints(claim)
    checks = sum(isinstance(c, CheckConstraint) for c in Claim._meta.constraints)
    assert checks == 9
    # Django: a savepoint, the query and its release per check, then the unique constraint.
    assert len(django) == 3 * checks + 1
    assert len(ours) == 3 + 1


@pytest.mark.django_db
def test_a_query_the_database_refuses_passes_with_a_warning_and_keeps_the_transaction(caplog):
    claim = ClaimFactory()
    claim.version = 0
    refused = DatabaseError("cannot evaluate")
    with transaction.atomic():
        with (
            mock.patch(
                "django.db.models.sql.compiler.SQLCompiler.execute_sql", side_effect=refused
            ),
            caplog.at_level(logging.WARNING, logger="annotations.models.validation"),
        ):
            assert _errors(lambda: claim.validate_constraints(exclude={"article"})) is None
        assert Claim.objects.filter(pk=claim.pk).exists()  # the transaction still works
    assert "Could not evaluate the check constraints of Claim" in caplog.text


@pytest.mark.django_db
def test_full_clean_reports_field_and_constraint_errors_together():
    article = ArticleFactory()
    claim = Claim(article=article, start=5, end=2, quote="", claim_text="", version=0)
    with pytest.raises(ValidationError) as raised:
        claim.full_clean()
    errors = raised.value.message_dict
    assert "claim_text" in errors  # a field's own validation
    assert len(errors["__all__"]) >= 2  # start before end, the version, the quote's length


def _lookups_of(table: str, queries: CaptureQueriesContext) -> int:
    return sum(f'FROM "{table}"' in query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db
def test_a_foreign_key_set_to_a_row_read_is_not_looked_up_again(annotator):
    claim = ClaimFactory()
    event = ReviewEvent(
        claim=claim, actor=annotator, action=ReviewAction.START, from_status="candidate"
    )
    event.to_status = ClaimStatus.RESEARCHING
    with CaptureQueriesContext(connection) as queries:
        event.full_clean()
    assert _lookups_of("annotations_claim", queries) == 0
    assert _lookups_of("auth_user", queries) == 0


@pytest.mark.django_db
def test_a_foreign_key_set_by_id_is_still_looked_up_with_djangos_error(annotator):
    claim = ClaimFactory()
    event = ReviewEvent(
        claim_id=claim.pk,
        actor_id=annotator.pk,
        action=ReviewAction.START,
        from_status=ClaimStatus.CANDIDATE,
        to_status=ClaimStatus.RESEARCHING,
    )
    with CaptureQueriesContext(connection) as queries:
        event.full_clean()
    assert _lookups_of("annotations_claim", queries) == 1
    event.claim_id = claim.pk + 1000
    ours = _errors(event.full_clean)
    django = _errors(lambda: models.Model.clean_fields(event))
    assert ours["claim"] == django["claim"]
    assert "is not a valid choice" in ours["claim"][0]


@pytest.mark.django_db
def test_a_cached_row_no_longer_matching_the_key_is_looked_up(annotator):
    claim = ClaimFactory()
    event = ReviewEvent(
        claim=claim,
        actor=annotator,
        action=ReviewAction.START,
        from_status=ClaimStatus.CANDIDATE,
        to_status=ClaimStatus.RESEARCHING,
    )
    event.claim_id = claim.pk + 1000  # the cached claim is no longer the one the key names
    assert "claim" in _errors(event.full_clean)
    unsaved = Claim(article=claim.article, start=0, end=1, quote="x", claim_text="x")
    event.claim = unsaved  # a row never read from the database: Django's error
    assert (
        _errors(event.full_clean)["claim"]
        == _errors(lambda: models.Model.clean_fields(event))["claim"]
    )


@pytest.mark.django_db
def test_the_database_still_refuses_a_row_deleted_since_it_was_read(annotator):
    article = ArticleFactory()
    claim = Claim(article=article, start=0, end=3, quote=article.text[:3], claim_text="x")
    Article.objects.filter(pk=article.pk).delete()
    claim.full_clean()  # the article was read before it went: not looked up again
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()
        connection.check_constraints()
